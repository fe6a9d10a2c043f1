-- Synthetic treatment-track data for bench/treatment (issue 5's caseload goal). Run by the
-- sqlite3 CLI on a database that `samspor demo` just made, with three parameters (and an
-- optional fourth, @user, the clinician whose caseload is measured; default
-- caremanager.herning):
--
--   sqlite3 DB '.parameter set @enrolments 100000' '.parameter set @assessments 2000000' \
--              '.parameter set @caseload 60' '.read bench/gen_treatment.sql'
--
-- It tops the demo up to @enrolments enrolments and @assessments assessments in all (the demo's
-- own rows count), spread over the demo's 17 teams, and makes caremanager.herning (@user) a
-- member (role care_manager) of exactly @caseload enrolments that are not final (what the
-- caseload lists: referred, screening, active, aftercare): the demo's own and new active ones in
-- the Herning team (the user's first team). Every other new
-- enrolment has the team's care manager (where that is @user, the team's therapist) and
-- caseworker as members. New rows per enrolment:
--   citizen         placeholder text, never a real-looking number: identifier_enc
--                   'bench-000001', identifier_index 'bench-index-000001', name 'Bench Citizen
--                   000001'; synthetic = 1; born 18-29 years before today. identifier_enc is
--                   not a secretbox, so GET /api/v1/citizens/{id} cannot decrypt these rows:
--                   the bench reads only the caseload, which never decrypts an identifier.
--   enrolment       statuses in the cycle referred, screening, active ×4, aftercare, completed,
--                   withdrawn, excluded (the first @caseload - existing are the Herning ones,
--                   all active)
--   assessment      PHQ-9 and GAD-7 in pairs, one pair every 14 days back from the latest:
--                   a screening pair for every enrolment past referral, then treatment pairs for
--                   active, aftercare and completed ones (the last pair of aftercare/completed is
--                   'followup'), as many as it takes to reach @assessments exactly (about 33 per
--                   treated enrolment at the default sizes). Totals follow the demo's seven
--                   courses (src/cli/demo_treatment.c): responding, not improving, item 9 = 1 at
--                   the latest PHQ-9, remitting, deteriorating, measurements stopped five weeks
--                   ago, no contact for three weeks. answers/band/flags/item9/result as the
--                   server writes them (result: instrument, total, band, flags, scored).
--   treatment_plan  treated enrolments; treatment_session one per treatment pair (dropped in
--                   the last 21 days for the no-contact course); safety_followup for every
--                   second item-9 enrolment; case_review for every fourth treated enrolment.
-- All in one transaction, WAL, synchronous=NORMAL, foreign keys off while loading (the rows
-- are built from existing ids; bench/treatment runs PRAGMA foreign_key_check afterwards). The
-- schema's indexes stay in place: rows go in in enrolment order, so every index is appended
-- to at a few places, which costs far less than the random-order case (docs/toolchain.md, note 6).
.bail on
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = OFF;
PRAGMA cache_size = -262144;
-- No PRAGMA temp_store here: changing it drops the temp schema, and with it the shell's
-- parameters (temp.sqlite_parameters).

BEGIN;

-- The settings; the constraints stop the script (.bail) when a parameter is missing, when
-- caremanager.herning is not there or already has more than @caseload active enrolments, or
-- when the demo alone has more assessments than asked for.
CREATE TEMP TABLE cfg (
    cm               INTEGER NOT NULL,
    cm_team          INTEGER NOT NULL,
    admin_id         INTEGER NOT NULL,
    n                INTEGER NOT NULL,
    k                INTEGER NOT NULL CHECK (k >= 0 AND k <= n),
    want_assessments INTEGER NOT NULL CHECK (want_assessments >= 0),
    e0               INTEGER NOT NULL,
    c0               INTEGER NOT NULL,
    team_count       INTEGER NOT NULL CHECK (team_count > 0),
    today            TEXT NOT NULL,
    now              TEXT NOT NULL
);
INSERT INTO cfg
SELECT cm,
       (SELECT min(team_id) FROM team_member WHERE user_id = cm),
       (SELECT id FROM app_user WHERE username = 'admin'),
       max(0, @enrolments - (SELECT count(*) FROM enrolment)),
       @caseload - (SELECT count(DISTINCT m.enrolment_id) FROM enrolment_member m
                    JOIN enrolment e ON e.id = m.enrolment_id
                    WHERE m.user_id = cm AND e.status IN ('referred', 'screening', 'active', 'aftercare')),
       @assessments - (SELECT count(*) FROM assessment),
       (SELECT coalesce(max(id), 0) FROM enrolment),
       (SELECT coalesce(max(id), 0) FROM citizen),
       (SELECT count(*) FROM team),
       date('now'),
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM (SELECT (SELECT id FROM app_user
              WHERE username = coalesce(@user, 'caremanager.herning')) AS cm);

-- Each team with its two members for new enrolments: the care manager (the therapist where the
-- care manager is caremanager.herning) and the caseworker.
CREATE TEMP TABLE bench_team AS
SELECT row_number() OVER (ORDER BY t.id) - 1 AS rn, t.id, t.project_id, t.municipality_code,
       coalesce((SELECT min(tm.user_id) FROM team_member tm JOIN user_role r ON r.user_id = tm.user_id
                 WHERE tm.team_id = t.id AND r.role = 'care_manager'
                   AND tm.user_id <> (SELECT cm FROM cfg)),
                (SELECT min(tm.user_id) FROM team_member tm JOIN user_role r ON r.user_id = tm.user_id
                 WHERE tm.team_id = t.id AND r.role = 'therapist')) AS care_user,
       (SELECT min(tm.user_id) FROM team_member tm JOIN user_role r ON r.user_id = tm.user_id
        WHERE tm.team_id = t.id AND r.role = 'caseworker') AS case_user,
       (SELECT target_group_code FROM project_target_group g
        WHERE g.project_id = t.project_id ORDER BY position LIMIT 1) AS target_group,
       (SELECT randomised FROM project p WHERE p.id = t.project_id) AS randomised
FROM team t;

-- The demo's seven courses (src/cli/demo_treatment.c).
CREATE TEMP TABLE course (pattern INTEGER PRIMARY KEY, phq9_from, phq9_to, gad7_from, gad7_to,
                          last_item9, stop_measuring_days, stop_contact_days);
INSERT INTO course VALUES (0, 16, 7, 13, 6, 0, 0, 0), (1, 15, 14, 12, 11, 0, 0, 0),
    (2, 14, 12, 11, 10, 1, 0, 0), (3, 12, 3, 10, 3, 0, 0, 0), (4, 11, 18, 9, 14, 0, 0, 0),
    (5, 13, 9, 10, 8, 0, 35, 0), (6, 12, 8, 11, 7, 0, 0, 21);

-- One row per new enrolment j = 1..n.
CREATE TEMP TABLE gen (j INTEGER PRIMARY KEY, id, citizen_id, team_id, project_id,
                       municipality_code, status, pattern, care_user, case_user, target_group,
                       arm, n_assess, gap);
WITH RECURSIVE s(j) AS (SELECT 1 WHERE (SELECT n FROM cfg) > 0
                        UNION ALL SELECT j + 1 FROM s WHERE j < (SELECT n FROM cfg))
INSERT INTO gen (j, id, citizen_id, team_id, project_id, municipality_code, status, pattern,
                 care_user, case_user, target_group, arm)
SELECT s.j, cfg.e0 + s.j, cfg.c0 + s.j, t.id, t.project_id, t.municipality_code,
       CASE WHEN s.j <= cfg.k THEN 'active'
            ELSE CASE s.j % 10 WHEN 0 THEN 'referred' WHEN 1 THEN 'screening'
                               WHEN 6 THEN 'aftercare' WHEN 7 THEN 'completed'
                               WHEN 8 THEN 'withdrawn' WHEN 9 THEN 'excluded' ELSE 'active' END
       END,
       s.j % 7,
       CASE WHEN s.j <= cfg.k THEN cfg.cm ELSE t.care_user END,
       t.case_user, t.target_group,
       CASE WHEN t.randomised THEN CASE s.j % 2 WHEN 0 THEN 'intervention' ELSE 'control' END END
FROM s, cfg
JOIN bench_team t ON t.id = CASE WHEN s.j <= cfg.k THEN cfg.cm_team
                                 ELSE (SELECT id FROM bench_team WHERE rn = s.j % cfg.team_count) END;

-- How many assessments each enrolment gets: 2 (a screening pair) past referral; the treated
-- share the rest evenly; and how many days before today its latest pair was.
UPDATE gen SET n_assess = CASE WHEN status IN ('referred', 'withdrawn') THEN 0 ELSE 2 END,
               gap = CASE WHEN status = 'completed' THEN 60 + j % 200
                          WHEN status = 'excluded' THEN 20 + j % 30
                          WHEN pattern = 5 THEN 35 + j % 5
                          ELSE j % 10 END;
CREATE TEMP TABLE treated (j INTEGER PRIMARY KEY, rank INTEGER);
INSERT INTO treated SELECT j, row_number() OVER (ORDER BY j) - 1 FROM gen
WHERE status IN ('active', 'aftercare', 'completed');
CREATE TEMP TABLE share AS
SELECT r / t AS per, r % t AS extra
FROM (SELECT (SELECT want_assessments FROM cfg)
             - (SELECT count(*) FROM gen WHERE status IN ('screening', 'excluded')) * 2 AS r,
             (SELECT max(1, count(*)) FROM treated) AS t);
UPDATE gen SET n_assess = (SELECT share.per + (treated.rank < share.extra) FROM treated, share
                           WHERE treated.j = gen.j)
WHERE status IN ('active', 'aftercare', 'completed');

-- Dates: L = index of the latest pair; pair p is 14 × (L - p) days before the latest one.
CREATE TEMP VIEW gen_dates AS
SELECT g.*, (g.n_assess - 1) / 2 AS last_pair,
       date((SELECT today FROM cfg), '-' || g.gap || ' days') AS last_date,
       date((SELECT today FROM cfg), '-' || (g.gap + 14 * ((g.n_assess - 1) / 2)) || ' days') AS first_date
FROM gen g;

INSERT INTO citizen (id, identifier_type, identifier_enc, identifier_index, birth_date, name,
                     name_folded, phone, email, municipality_code, synthetic, version, created_by,
                     created_at)
SELECT g.citizen_id, 'erstatning', printf('bench-%06d', g.j), printf('bench-index-%06d', g.j),
       date((SELECT today FROM cfg), '-' || (18 + g.j % 12) || ' years', '-' || (g.j % 365) || ' days'),
       printf('Bench Citizen %06d', g.j), printf('bench citizen %06d', g.j), NULL, NULL,
       g.municipality_code, 1, 1, (SELECT admin_id FROM cfg), (SELECT now FROM cfg)
FROM gen g ORDER BY g.j;

INSERT INTO enrolment (id, project_id, citizen_id, team_id, referral_date, referral_source,
                       target_group, status, status_changed, version, created_at, arm)
SELECT d.id, d.project_id, d.citizen_id, d.team_id,
       CASE WHEN d.status = 'referred' THEN date((SELECT today FROM cfg), '-' || (d.j % 5) || ' days')
            WHEN d.status = 'withdrawn' THEN date((SELECT today FROM cfg), '-' || (120 + d.j % 60) || ' days')
            ELSE date(d.first_date, '-3 days') END,
       CASE d.j % 3 WHEN 0 THEN 'jobcenter' WHEN 1 THEN 'egen læge' ELSE 'ungeindsats' END,
       d.target_group, d.status,
       CASE WHEN d.status = 'active' THEN date(d.first_date, '+7 days') || 'T08:00:00Z'
            WHEN d.status = 'aftercare' THEN date(d.last_date, '-28 days') || 'T08:00:00Z'
            ELSE (SELECT now FROM cfg) END,
       1, (SELECT now FROM cfg), d.arm
FROM gen_dates d ORDER BY d.j;

INSERT INTO enrolment_member (enrolment_id, user_id, role)
SELECT id, care_user, 'care_manager' FROM gen
UNION ALL
SELECT id, case_user, 'caseworker' FROM gen
ORDER BY 1, 3;

INSERT INTO treatment_plan (enrolment_id, start_date, focus, modality, target, aftercare_from,
                            version, updated_by, updated_at)
SELECT d.id, date(d.first_date, '+7 days'), 'Low mood and worry about returning to work', 'cbt',
       'PHQ-9 under 10 and an ordinary job or education',
       CASE WHEN d.status IN ('aftercare', 'completed') THEN date(d.last_date, '-28 days') END,
       1, d.care_user, (SELECT now FROM cfg)
FROM gen_dates d WHERE d.status IN ('active', 'aftercare', 'completed') ORDER BY d.id;

-- The assessments: row p of enrolment g is pair p / 2, PHQ-9 for even p, GAD-7 for odd p.
WITH RECURSIVE seq(p) AS (SELECT 0 UNION ALL SELECT p + 1 FROM seq
                          WHERE p < (SELECT max(n_assess) FROM gen) - 1),
rows AS (
    SELECT d.id AS enrolment_id, d.care_user, s.p, s.p / 2 AS pair, d.last_pair,
           CASE WHEN s.p % 2 = 0 THEN 'phq9' ELSE 'gad7' END AS instrument,
           CASE WHEN s.p / 2 = 0 THEN 'screening'
                WHEN s.p / 2 = d.last_pair AND d.status IN ('aftercare', 'completed') THEN 'followup'
                ELSE 'treatment' END AS occasion,
           date(d.last_date, '-' || (14 * (d.last_pair - s.p / 2)) || ' days') AS date,
           CASE WHEN s.p % 2 = 0
                THEN c.phq9_from + CASE WHEN d.last_pair > 0 THEN (c.phq9_to - c.phq9_from) * (s.p / 2) / d.last_pair ELSE 0 END
                ELSE c.gad7_from + CASE WHEN d.last_pair > 0 THEN (c.gad7_to - c.gad7_from) * (s.p / 2) / d.last_pair ELSE 0 END
           END AS total,
           CASE WHEN s.p % 2 = 1 THEN NULL
                WHEN s.p / 2 = d.last_pair AND d.last_pair > 0 THEN c.last_item9 ELSE 0 END AS item9
    FROM gen_dates d JOIN course c ON c.pattern = d.pattern
    JOIN seq s ON s.p < d.n_assess
),
answered AS (
    SELECT r.*,
           CASE WHEN r.instrument = 'phq9'
                THEN json_array((r.total - r.item9 + 7) / 8, (r.total - r.item9 + 6) / 8,
                                (r.total - r.item9 + 5) / 8, (r.total - r.item9 + 4) / 8,
                                (r.total - r.item9 + 3) / 8, (r.total - r.item9 + 2) / 8,
                                (r.total - r.item9 + 1) / 8, (r.total - r.item9) / 8, r.item9)
                ELSE json_array((r.total + 6) / 7, (r.total + 5) / 7, (r.total + 4) / 7,
                                (r.total + 3) / 7, (r.total + 2) / 7, (r.total + 1) / 7, r.total / 7)
           END AS answers,
           CASE WHEN r.instrument = 'phq9'
                THEN CASE WHEN r.total <= 4 THEN 'none_minimal' WHEN r.total <= 9 THEN 'mild'
                          WHEN r.total <= 14 THEN 'moderate' WHEN r.total <= 19 THEN 'moderately_severe'
                          ELSE 'severe' END
                ELSE CASE WHEN r.total <= 4 THEN 'minimal' WHEN r.total <= 9 THEN 'mild'
                          WHEN r.total <= 14 THEN 'moderate' ELSE 'severe' END
           END AS band,
           CASE WHEN r.item9 > 0 THEN 'safety' ELSE '' END AS flags
    FROM rows r
)
INSERT INTO assessment (enrolment_id, instrument, occasion, date, answers, total, band, flags,
                        result, item9, administered_by, corrects, replaced_by, reason, recorded_at)
SELECT a.enrolment_id, a.instrument, a.occasion, a.date, a.answers, a.total, a.band, a.flags,
       json_object('instrument', a.instrument, 'total', a.total, 'band', a.band,
                   'flags', json(CASE WHEN a.flags = '' THEN '[]' ELSE '["safety"]' END),
                   'scored', json(a.answers)),
       a.item9, a.care_user, NULL, NULL, NULL, a.date || 'T09:00:00Z'
FROM answered a ORDER BY a.enrolment_id, a.p;

-- A session on the day of each treatment pair (not in the last 21 days for the no-contact
-- course).
WITH RECURSIVE seq(pair) AS (SELECT 1 UNION ALL SELECT pair + 1 FROM seq
                             WHERE pair < (SELECT max((n_assess - 1) / 2) FROM gen)),
sessions AS (
    SELECT d.id AS enrolment_id, d.care_user, s.pair,
           date(d.last_date, '-' || (14 * (d.last_pair - s.pair)) || ' days') AS date,
           c.stop_contact_days
    FROM gen_dates d JOIN course c ON c.pattern = d.pattern JOIN seq s ON s.pair <= d.last_pair
    WHERE d.status IN ('active', 'aftercare', 'completed')
)
INSERT INTO treatment_session (enrolment_id, date, kind, duration_min, note, recorded_by, recorded_at)
SELECT enrolment_id, date, CASE WHEN pair % 3 = 0 THEN 'walk_and_talk' ELSE 'individual' END, 50,
       'Synthetic bench session.', care_user, date || 'T10:00:00Z'
FROM sessions
WHERE stop_contact_days = 0
   OR date <= date((SELECT today FROM cfg), '-' || stop_contact_days || ' days')
ORDER BY enrolment_id, pair;

-- A safety follow-up on the day of the item-9 PHQ-9 for every second such enrolment (the others
-- keep their safety flag).
INSERT INTO safety_followup (enrolment_id, assessment_id, date, action, note, recorded_by, recorded_at)
SELECT a.enrolment_id, a.id, a.date, 'risk_assessed', 'Synthetic bench follow-up.',
       a.administered_by, a.date || 'T11:00:00Z'
FROM assessment a JOIN gen g ON g.id = a.enrolment_id
WHERE a.enrolment_id > (SELECT e0 FROM cfg) AND a.item9 > 0 AND g.j % 2 = 0
ORDER BY a.enrolment_id;

INSERT INTO case_review (enrolment_id, date, recommendation, flags, reviewer_id, recorded_at)
SELECT d.id, date(d.last_date, '-7 days'), 'Continue the plan; measure again in two weeks.', '',
       d.care_user, date(d.last_date, '-7 days') || 'T12:00:00Z'
FROM gen_dates d
WHERE d.status IN ('active', 'aftercare', 'completed') AND d.last_pair > 0 AND d.j % 4 = 0
ORDER BY d.id;

COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
