-- Synthetic employment-track data for bench/employment (issue 11's speed goals). Run by the
-- sqlite3 CLI after bench/gen_treatment.sql, on the same database, with these parameters:
--
--   sqlite3 DB '.parameter set @contacts 1000000' '.parameter set @episodes 300000' \
--              '.parameter set @meetings 500000' '.parameter set @caseload 25' \
--              ".parameter set @user 'jobconsultant.herning'" '.read bench/gen_employment.sql'
--
-- It tops the database up to @contacts employer contacts, @episodes episodes and @meetings
-- meetings in all (the demo's own rows count), and makes @user (a job/IPS/resource consultant of
-- the demo) a member, in their own role, of exactly @caseload enrolments that are not final
-- (referred, screening, active, aftercare: what the employment caseload lists): those they have from
-- the demo, and new members of active enrolments of their first team. New
-- rows:
--   employer              200 per municipality of a team, 'Bench Employer <municipality> 0001'
--                         (name_folded in lower case), one contact person each; no CVR number
--   enrolment_member      for every enrolment without a municipal consultant, the team's
--                         consultant (the first member with a consultant role), so that each
--                         consultant carries a realistic share of the 100,000
--   episode               spread over the enrolments past screening in turn (about three each):
--                         kinds in the cycle ordinary_job, education, internship, subsidised_job,
--                         course, ordinary_job, flexjob; 90 days each, 120 days apart, the
--                         newest open (no end) for every third enrolment; an end with how it
--                         ended; hours 10-37; jobs and internships at an employer of the team's
--                         municipality, education at an institution
--   follow_along          one a month after the start of each job or education episode, up to
--                         three, with the young person
--   employer_contact      80 % for a young person (the enrolments in turn), the rest about an
--                         employer only; dates over the last two years; the team's consultant
--   meeting               individual conversations (1 staff, 1 attendance), every 20th a network
--                         meeting (2 staff, the young person present), every 50th a group session
--                         of the team (1 staff, 8 participants: the team's enrolments in turn)
-- All in one transaction, foreign keys off while loading (bench/employment runs PRAGMA
-- foreign_key_check afterwards). Dates never after today.
.bail on
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = OFF;
PRAGMA cache_size = -262144;

BEGIN;

CREATE TEMP TABLE ecfg (
    consultant   INTEGER NOT NULL,
    c_team       INTEGER NOT NULL,
    c_role       TEXT NOT NULL,
    k            INTEGER NOT NULL CHECK (k >= 0),
    n_contacts   INTEGER NOT NULL CHECK (n_contacts >= 0),
    n_episodes   INTEGER NOT NULL CHECK (n_episodes >= 0),
    n_meetings   INTEGER NOT NULL CHECK (n_meetings >= 0),
    today        TEXT NOT NULL,
    now          TEXT NOT NULL
);
INSERT INTO ecfg
SELECT u.id,
       (SELECT min(team_id) FROM team_member WHERE user_id = u.id),
       (SELECT min(role) FROM user_role WHERE user_id = u.id
         AND role IN ('job_consultant', 'resource_consultant', 'caseworker')),
       @caseload - (SELECT count(DISTINCT m.enrolment_id) FROM enrolment_member m
                    JOIN enrolment e ON e.id = m.enrolment_id
                    WHERE m.user_id = u.id
                      AND e.status IN ('referred', 'screening', 'active', 'aftercare')),
       @contacts - (SELECT count(*) FROM employer_contact),
       @episodes - (SELECT count(*) FROM episode),
       @meetings - (SELECT count(*) FROM meeting),
       date('now'),
       strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM app_user u WHERE u.username = coalesce(@user, 'jobconsultant.herning');

-- Each team's consultant: the first member with a municipal consultant role.
CREATE TEMP TABLE eteam AS
SELECT t.id, t.municipality_code,
       coalesce((SELECT min(tm.user_id) FROM team_member tm JOIN user_role r ON r.user_id = tm.user_id
                 WHERE tm.team_id = t.id AND r.role IN ('job_consultant', 'resource_consultant')),
                (SELECT min(tm.user_id) FROM team_member tm JOIN user_role r ON r.user_id = tm.user_id
                 WHERE tm.team_id = t.id AND r.role = 'caseworker')) AS consultant,
       (SELECT r.role FROM team_member tm JOIN user_role r ON r.user_id = tm.user_id
        WHERE tm.team_id = t.id AND r.role IN ('job_consultant', 'resource_consultant')
        ORDER BY tm.user_id LIMIT 1) AS role
FROM team t;

-- The bench consultant's caseload: @caseload active enrolments of their first team.
INSERT INTO enrolment_member (enrolment_id, user_id, role)
SELECT e.id, (SELECT consultant FROM ecfg), (SELECT c_role FROM ecfg)
FROM enrolment e
WHERE e.team_id = (SELECT c_team FROM ecfg) AND e.status = 'active'
  AND NOT EXISTS (SELECT 1 FROM enrolment_member m WHERE m.enrolment_id = e.id
                  AND m.user_id = (SELECT consultant FROM ecfg))
  AND NOT EXISTS (SELECT 1 FROM enrolment_member m WHERE m.enrolment_id = e.id
                  AND m.role IN ('job_consultant', 'resource_consultant'))
ORDER BY e.id DESC LIMIT (SELECT k FROM ecfg);

-- Every other enrolment without a consultant gets its team's (not the bench consultant).
INSERT INTO enrolment_member (enrolment_id, user_id, role)
SELECT e.id, t.consultant, coalesce(t.role, 'caseworker')
FROM enrolment e JOIN eteam t ON t.id = e.team_id
WHERE t.consultant IS NOT NULL AND t.consultant <> (SELECT consultant FROM ecfg)
  AND NOT EXISTS (SELECT 1 FROM enrolment_member m WHERE m.enrolment_id = e.id
                  AND (m.role IN ('job_consultant', 'resource_consultant')
                       OR m.user_id = t.consultant))
ORDER BY e.id;

-- Employers: 200 per municipality of a team.
CREATE TEMP TABLE emuni AS
SELECT row_number() OVER (ORDER BY municipality_code) - 1 AS rn, municipality_code,
       (SELECT min(consultant) FROM eteam t2 WHERE t2.municipality_code = t.municipality_code) AS consultant
FROM (SELECT DISTINCT municipality_code FROM eteam) t;
CREATE TEMP TABLE bench_employer (municipality_code TEXT, n INTEGER, id INTEGER,
                                  PRIMARY KEY (municipality_code, n));
WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < 199)
INSERT INTO bench_employer
SELECT m.municipality_code, s.n,
       (SELECT coalesce(max(id), 0) FROM employer) + m.rn * 200 + s.n + 1
FROM emuni m, s;
INSERT INTO employer (id, municipality_code, name, name_folded, cvr, address, postcode, city,
                      version, created_at, created_by)
SELECT b.id, b.municipality_code, printf('Bench Employer %s %04d', b.municipality_code, b.n),
       printf('bench employer %s %04d', b.municipality_code, b.n), NULL, NULL, NULL, NULL, 1,
       (SELECT now FROM ecfg), m.consultant
FROM bench_employer b JOIN emuni m ON m.municipality_code = b.municipality_code ORDER BY b.id;
INSERT INTO employer_contact_person (employer_id, name, title, phone, email)
SELECT id, 'Bench Contact', 'Manager', NULL, NULL FROM bench_employer ORDER BY id;

-- The enrolments that have episodes and contacts: past screening, in enrolment order.
CREATE TEMP TABLE eenr AS
SELECT row_number() OVER (ORDER BY e.id) - 1 AS rn, e.id, e.referral_date, e.team_id,
       t.municipality_code,
       (SELECT min(m.user_id) FROM enrolment_member m WHERE m.enrolment_id = e.id
         AND m.role IN ('job_consultant', 'resource_consultant', 'caseworker')) AS consultant
FROM enrolment e JOIN eteam t ON t.id = e.team_id
WHERE e.status NOT IN ('referred', 'screening');
CREATE TEMP TABLE ecount AS SELECT count(*) AS n FROM eenr;

-- Episodes: the i-th goes to enrolment i % n, its (i / n)-th; newest first from today back.
CREATE TEMP TABLE kinds (k INTEGER PRIMARY KEY, kind TEXT);
INSERT INTO kinds VALUES (0, 'ordinary_job'), (1, 'education'), (2, 'internship'),
    (3, 'subsidised_job'), (4, 'course'), (5, 'ordinary_job'), (6, 'flexjob');
WITH RECURSIVE s(i) AS (SELECT 0 WHERE (SELECT n_episodes FROM ecfg) > 0
                        UNION ALL SELECT i + 1 FROM s WHERE i < (SELECT n_episodes FROM ecfg) - 1),
rows AS (
    SELECT s.i, e.id AS enrolment_id, e.municipality_code, e.consultant, s.i / c.n AS nth,
           (SELECT kind FROM kinds WHERE k = s.i % 7) AS kind,
           date((SELECT today FROM ecfg), '-' || (20 + 120 * (s.i / c.n) + e.rn % 30) || ' days') AS start_date
    FROM s, ecount c JOIN eenr e ON e.rn = s.i % c.n
)
INSERT INTO episode (enrolment_id, kind, start_date, end_date, hours_per_week, place, version,
                     created_at, employer_id, institution, programme, level, purpose, end_reason,
                     contact_allowed, created_by)
SELECT r.enrolment_id, r.kind, r.start_date,
       CASE WHEN r.nth = 0 AND r.enrolment_id % 3 = 0 THEN NULL
            ELSE min(date(r.start_date, '+90 days'), (SELECT today FROM ecfg)) END,
       10 + r.i % 28, NULL, 1, (SELECT now FROM ecfg),
       CASE WHEN r.kind IN ('ordinary_job', 'internship', 'subsidised_job', 'flexjob')
            THEN (SELECT id FROM bench_employer b WHERE b.municipality_code = r.municipality_code
                  AND b.n = r.i % 200) END,
       CASE WHEN r.kind = 'education' THEN 'Bench Erhvervsskole' END,
       CASE WHEN r.kind = 'education' THEN 'Bench uddannelse' END,
       CASE WHEN r.kind = 'education' THEN 'vocational' END,
       CASE WHEN r.kind = 'internship' THEN CASE r.i % 2 WHEN 0 THEN 'slow_return' ELSE 'try_out' END END,
       CASE WHEN r.nth = 0 AND r.enrolment_id % 3 = 0 THEN NULL
            ELSE CASE r.i % 4 WHEN 0 THEN 'completed' WHEN 1 THEN 'moved_on'
                              WHEN 2 THEN 'dropped_out' ELSE 'completed' END END,
       r.i % 2, r.consultant
FROM rows r ORDER BY r.enrolment_id, r.start_date;

-- Follow-along: up to three monthly contacts after each job or education start, not after today.
WITH RECURSIVE s(m) AS (SELECT 1 UNION ALL SELECT m + 1 FROM s WHERE m < 3)
INSERT INTO follow_along (enrolment_id, episode_id, date, with_whom, kind, note, created_by,
                          created_at)
SELECT x.enrolment_id, x.id, date(x.start_date, '+' || (30 * s.m) || ' days'), 'young_person',
       CASE s.m WHEN 2 THEN 'phone' ELSE 'in_person' END, 'Synthetic bench follow-along.',
       x.created_by, (SELECT now FROM ecfg)
FROM episode x, s
WHERE x.created_by IS NOT NULL AND x.kind IN ('ordinary_job', 'education')
  AND date(x.start_date, '+' || (30 * s.m) || ' days') <= (SELECT today FROM ecfg)
ORDER BY x.enrolment_id, x.id, s.m;

-- Employer contacts: the i-th is for enrolment i % n unless i % 5 = 4 (about the employer only).
WITH RECURSIVE s(i) AS (SELECT 0 WHERE (SELECT n_contacts FROM ecfg) > 0
                        UNION ALL SELECT i + 1 FROM s WHERE i < (SELECT n_contacts FROM ecfg) - 1)
INSERT INTO employer_contact (employer_id, contact_person_id, enrolment_id, date, kind, purpose,
                              outcome, next_step, next_step_date, consultant_id, created_at,
                              version)
SELECT b.id, NULL, CASE WHEN s.i % 5 = 4 THEN NULL ELSE e.id END,
       date((SELECT today FROM ecfg), '-' || ((s.i * 7) % 730) || ' days'),
       CASE s.i % 3 WHEN 0 THEN 'in_person' WHEN 1 THEN 'phone' ELSE 'email' END,
       CASE s.i % 3 WHEN 0 THEN 'learn_workplace' WHEN 1 THEN 'present_candidate' ELSE 'follow_up' END,
       'Synthetic bench contact.', NULL, NULL, e.consultant, (SELECT now FROM ecfg), 1
FROM s, ecount c
JOIN eenr e ON e.rn = s.i % c.n
JOIN bench_employer b ON b.municipality_code = e.municipality_code AND b.n = s.i % 200;

-- Meetings: the i-th about enrolment i % n; a group session (every 50th) is its team's, with 8
-- of the team's enrolments.
CREATE TEMP TABLE gmeet (i INTEGER PRIMARY KEY, id INTEGER, kind TEXT, enrolment_id INTEGER,
                         team_id INTEGER, consultant INTEGER, date TEXT, rn INTEGER);
WITH RECURSIVE s(i) AS (SELECT 0 WHERE (SELECT n_meetings FROM ecfg) > 0
                        UNION ALL SELECT i + 1 FROM s WHERE i < (SELECT n_meetings FROM ecfg) - 1)
INSERT INTO gmeet
SELECT s.i, (SELECT coalesce(max(id), 0) FROM meeting) + s.i + 1,
       CASE WHEN s.i % 50 = 49 THEN 'group' WHEN s.i % 20 = 19 THEN 'network' ELSE 'individual' END,
       e.id, e.team_id, e.consultant,
       date((SELECT today FROM ecfg), '-' || ((s.i * 3) % 540) || ' days'), e.rn
FROM s, ecount c JOIN eenr e ON e.rn = s.i % c.n;
INSERT INTO meeting (id, kind, enrolment_id, project_id, team_id, date, duration_minutes, place,
                     topic, note, interpreter_language, created_at, created_by)
SELECT g.id, g.kind, CASE WHEN g.kind = 'group' THEN NULL ELSE g.enrolment_id END,
       CASE WHEN g.kind = 'group' THEN (SELECT project_id FROM team WHERE id = g.team_id) END,
       CASE WHEN g.kind = 'group' THEN g.team_id END, g.date,
       CASE g.kind WHEN 'network' THEN 90 WHEN 'group' THEN 120 ELSE 45 END,
       CASE g.kind WHEN 'network' THEN NULL
                   ELSE CASE g.i % 3 WHEN 0 THEN 'office' WHEN 1 THEN 'walk_and_talk' ELSE 'phone' END END,
       CASE WHEN g.kind = 'group' THEN 'Synthetic bench group session' END,
       'Synthetic bench meeting.', NULL, (SELECT now FROM ecfg), coalesce(g.consultant, 1)
FROM gmeet g ORDER BY g.id;
INSERT INTO meeting_staff (meeting_id, user_id)
SELECT id, consultant FROM gmeet WHERE consultant IS NOT NULL ORDER BY id;
INSERT INTO meeting_attendance (meeting_id, enrolment_id, date, attended, recorded_at, recorded_by)
SELECT g.id, g.enrolment_id, g.date, 1, (SELECT now FROM ecfg), g.consultant
FROM gmeet g WHERE g.kind <> 'group' ORDER BY g.id;
WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n < 7),
team_enr AS (SELECT id, team_id, row_number() OVER (PARTITION BY team_id ORDER BY id) - 1 AS trn,
                    count(*) OVER (PARTITION BY team_id) AS tn
             FROM eenr)
INSERT OR IGNORE INTO meeting_attendance (meeting_id, enrolment_id, date, attended, recorded_at,
                                          recorded_by)
SELECT g.id, t.id, g.date, (g.i + p.n) % 4 <> 0, (SELECT now FROM ecfg), g.consultant
FROM gmeet g, p
JOIN team_enr t ON t.team_id = g.team_id AND t.trn = (g.rn + p.n * 37) % t.tn
WHERE g.kind = 'group' ORDER BY g.id, t.id;

COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
