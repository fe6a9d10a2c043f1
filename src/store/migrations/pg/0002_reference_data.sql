-- Samspor reference data, version 2: regions, municipalities and LAB target groups.
-- Plain SQL in the common subset of SQLite and PostgreSQL (see 0001_schema.sql).
--
-- Sources, by their keys in docs/sources.md:
--   regions:        [S13][S13b][S14][S16c]
--   municipalities: codes and names from HL7 Denmark DK Core `dk-core-municipality-codes` [S16];
--                   region assignment from tagteam/heaven `kommuneRegion.R` (DST format, valid from
--                   2007) [S16f], cross-checked against [S14c] and [S14d] with 0 disagreements.
--                   Counts per region: 1081 = 11, 1082 = 19, 1083 = 22, 1084 = 29, 1085 = 17 (98).
--   target groups:  LAB target groups, BEK nr. 2636 af 28/12/2021 § 1 [S20]; the reform
--                   timeline: new LAB in force 2020-01-01 [S21], kontanthjælp reform 2025-07-01 [S26][S27]).
--
-- valid_to is exclusive (the first day the row no longer applies), as in 0001_schema.sql.

-- Regions (4-digit CPR myndighedskode). Region Hovedstaden and Region Sjælland merge into Region
-- Østdanmark on 2027-01-01 (overgangsloven, lov nr. 699 af 20. juni 2025, § 126 [S18]).
-- Region Østdanmark itself is NOT inserted: its region code is UNVERIFIED ([S17], docs/sources.md),
-- and we never hard-code unverified facts. Add it in a later migration once the code is confirmed,
-- together with the move of the 46 municipalities of 1084/1085 to it (their region_code below
-- still points at 1084/1085, which is true only until 2027-01-01).
INSERT INTO organisation (code, kind, name, region_code, valid_from, valid_to) VALUES
    ('1081', 'region', 'Region Nordjylland', NULL, '2007-01-01', NULL),
    ('1082', 'region', 'Region Midtjylland', NULL, '2007-01-01', NULL),
    ('1083', 'region', 'Region Syddanmark',  NULL, '2007-01-01', NULL),
    ('1084', 'region', 'Region Hovedstaden', NULL, '2007-01-01', '2027-01-01'),
    ('1085', 'region', 'Region Sjælland',    NULL, '2007-01-01', '2027-01-01');

-- The 98 municipalities (3-digit code without zero padding). Christiansø (411) belongs to no
-- municipality or region and is excluded ([S13b][S16e]). Thisted (787) and Morsø (773) are in
-- Region Nordjylland (1081), not Midtjylland ([S16f]; one public list gets it wrong [S14b]).
INSERT INTO organisation (code, kind, name, region_code, valid_from, valid_to) VALUES
    ('101', 'municipality', 'København',         '1084', '2007-01-01', NULL),
    ('147', 'municipality', 'Frederiksberg',     '1084', '2007-01-01', NULL),
    ('151', 'municipality', 'Ballerup',          '1084', '2007-01-01', NULL),
    ('153', 'municipality', 'Brøndby',           '1084', '2007-01-01', NULL),
    ('155', 'municipality', 'Dragør',            '1084', '2007-01-01', NULL),
    ('157', 'municipality', 'Gentofte',          '1084', '2007-01-01', NULL),
    ('159', 'municipality', 'Gladsaxe',          '1084', '2007-01-01', NULL),
    ('161', 'municipality', 'Glostrup',          '1084', '2007-01-01', NULL),
    ('163', 'municipality', 'Herlev',            '1084', '2007-01-01', NULL),
    ('165', 'municipality', 'Albertslund',       '1084', '2007-01-01', NULL),
    ('167', 'municipality', 'Hvidovre',          '1084', '2007-01-01', NULL),
    ('169', 'municipality', 'Høje-Taastrup',     '1084', '2007-01-01', NULL),
    ('173', 'municipality', 'Lyngby-Taarbæk',    '1084', '2007-01-01', NULL),
    ('175', 'municipality', 'Rødovre',           '1084', '2007-01-01', NULL),
    ('183', 'municipality', 'Ishøj',             '1084', '2007-01-01', NULL),
    ('185', 'municipality', 'Tårnby',            '1084', '2007-01-01', NULL),
    ('187', 'municipality', 'Vallensbæk',        '1084', '2007-01-01', NULL),
    ('190', 'municipality', 'Furesø',            '1084', '2007-01-01', NULL),
    ('201', 'municipality', 'Allerød',           '1084', '2007-01-01', NULL),
    ('210', 'municipality', 'Fredensborg',       '1084', '2007-01-01', NULL),
    ('217', 'municipality', 'Helsingør',         '1084', '2007-01-01', NULL),
    ('219', 'municipality', 'Hillerød',          '1084', '2007-01-01', NULL),
    ('223', 'municipality', 'Hørsholm',          '1084', '2007-01-01', NULL),
    ('230', 'municipality', 'Rudersdal',         '1084', '2007-01-01', NULL),
    ('240', 'municipality', 'Egedal',            '1084', '2007-01-01', NULL),
    ('250', 'municipality', 'Frederikssund',     '1084', '2007-01-01', NULL),
    ('253', 'municipality', 'Greve',             '1085', '2007-01-01', NULL),
    ('259', 'municipality', 'Køge',              '1085', '2007-01-01', NULL),
    ('260', 'municipality', 'Halsnæs',           '1084', '2007-01-01', NULL),
    ('265', 'municipality', 'Roskilde',          '1085', '2007-01-01', NULL),
    ('269', 'municipality', 'Solrød',            '1085', '2007-01-01', NULL),
    ('270', 'municipality', 'Gribskov',          '1084', '2007-01-01', NULL),
    ('306', 'municipality', 'Odsherred',         '1085', '2007-01-01', NULL),
    ('316', 'municipality', 'Holbæk',            '1085', '2007-01-01', NULL),
    ('320', 'municipality', 'Faxe',              '1085', '2007-01-01', NULL),
    ('326', 'municipality', 'Kalundborg',        '1085', '2007-01-01', NULL),
    ('329', 'municipality', 'Ringsted',          '1085', '2007-01-01', NULL),
    ('330', 'municipality', 'Slagelse',          '1085', '2007-01-01', NULL),
    ('336', 'municipality', 'Stevns',            '1085', '2007-01-01', NULL),
    ('340', 'municipality', 'Sorø',              '1085', '2007-01-01', NULL),
    ('350', 'municipality', 'Lejre',             '1085', '2007-01-01', NULL),
    ('360', 'municipality', 'Lolland',           '1085', '2007-01-01', NULL),
    ('370', 'municipality', 'Næstved',           '1085', '2007-01-01', NULL),
    ('376', 'municipality', 'Guldborgsund',      '1085', '2007-01-01', NULL),
    ('390', 'municipality', 'Vordingborg',       '1085', '2007-01-01', NULL),
    ('400', 'municipality', 'Bornholm',          '1084', '2007-01-01', NULL),
    ('410', 'municipality', 'Middelfart',        '1083', '2007-01-01', NULL),
    ('420', 'municipality', 'Assens',            '1083', '2007-01-01', NULL),
    ('430', 'municipality', 'Faaborg-Midtfyn',   '1083', '2007-01-01', NULL),
    ('440', 'municipality', 'Kerteminde',        '1083', '2007-01-01', NULL),
    ('450', 'municipality', 'Nyborg',            '1083', '2007-01-01', NULL),
    ('461', 'municipality', 'Odense',            '1083', '2007-01-01', NULL),
    ('479', 'municipality', 'Svendborg',         '1083', '2007-01-01', NULL),
    ('480', 'municipality', 'Nordfyns',          '1083', '2007-01-01', NULL),
    ('482', 'municipality', 'Langeland',         '1083', '2007-01-01', NULL),
    ('492', 'municipality', 'Ærø',               '1083', '2007-01-01', NULL),
    ('510', 'municipality', 'Haderslev',         '1083', '2007-01-01', NULL),
    ('530', 'municipality', 'Billund',           '1083', '2007-01-01', NULL),
    ('540', 'municipality', 'Sønderborg',        '1083', '2007-01-01', NULL),
    ('550', 'municipality', 'Tønder',            '1083', '2007-01-01', NULL),
    ('561', 'municipality', 'Esbjerg',           '1083', '2007-01-01', NULL),
    ('563', 'municipality', 'Fanø',              '1083', '2007-01-01', NULL),
    ('573', 'municipality', 'Varde',             '1083', '2007-01-01', NULL),
    ('575', 'municipality', 'Vejen',             '1083', '2007-01-01', NULL),
    ('580', 'municipality', 'Aabenraa',          '1083', '2007-01-01', NULL),
    ('607', 'municipality', 'Fredericia',        '1083', '2007-01-01', NULL),
    ('615', 'municipality', 'Horsens',           '1082', '2007-01-01', NULL),
    ('621', 'municipality', 'Kolding',           '1083', '2007-01-01', NULL),
    ('630', 'municipality', 'Vejle',             '1083', '2007-01-01', NULL),
    ('657', 'municipality', 'Herning',           '1082', '2007-01-01', NULL),
    ('661', 'municipality', 'Holstebro',         '1082', '2007-01-01', NULL),
    ('665', 'municipality', 'Lemvig',            '1082', '2007-01-01', NULL),
    ('671', 'municipality', 'Struer',            '1082', '2007-01-01', NULL),
    ('706', 'municipality', 'Syddjurs',          '1082', '2007-01-01', NULL),
    ('707', 'municipality', 'Norddjurs',         '1082', '2007-01-01', NULL),
    ('710', 'municipality', 'Favrskov',          '1082', '2007-01-01', NULL),
    ('727', 'municipality', 'Odder',             '1082', '2007-01-01', NULL),
    ('730', 'municipality', 'Randers',           '1082', '2007-01-01', NULL),
    ('740', 'municipality', 'Silkeborg',         '1082', '2007-01-01', NULL),
    ('741', 'municipality', 'Samsø',             '1082', '2007-01-01', NULL),
    ('746', 'municipality', 'Skanderborg',       '1082', '2007-01-01', NULL),
    ('751', 'municipality', 'Aarhus',            '1082', '2007-01-01', NULL),
    ('756', 'municipality', 'Ikast-Brande',      '1082', '2007-01-01', NULL),
    ('760', 'municipality', 'Ringkøbing-Skjern', '1082', '2007-01-01', NULL),
    ('766', 'municipality', 'Hedensted',         '1082', '2007-01-01', NULL),
    ('773', 'municipality', 'Morsø',             '1081', '2007-01-01', NULL),
    ('779', 'municipality', 'Skive',             '1082', '2007-01-01', NULL),
    ('787', 'municipality', 'Thisted',           '1081', '2007-01-01', NULL),
    ('791', 'municipality', 'Viborg',            '1082', '2007-01-01', NULL),
    ('810', 'municipality', 'Brønderslev',       '1081', '2007-01-01', NULL),
    ('813', 'municipality', 'Frederikshavn',     '1081', '2007-01-01', NULL),
    ('820', 'municipality', 'Vesthimmerlands',   '1081', '2007-01-01', NULL),
    ('825', 'municipality', 'Læsø',              '1081', '2007-01-01', NULL),
    ('840', 'municipality', 'Rebild',            '1081', '2007-01-01', NULL),
    ('846', 'municipality', 'Mariagerfjord',     '1081', '2007-01-01', NULL),
    ('849', 'municipality', 'Jammerbugt',        '1081', '2007-01-01', NULL),
    ('851', 'municipality', 'Aalborg',           '1081', '2007-01-01', NULL),
    ('860', 'municipality', 'Hjørring',          '1081', '2007-01-01', NULL);

-- Aliases. 820 is "Vesthimmerland" in DK Core [S16] and project texts, "Vesthimmerlands" in official
-- reports and the other lists [S14c][S14d]: both are stored.
INSERT INTO organisation_alias (code, alias) VALUES
    ('820', 'Vesthimmerland'), ('820', 'Vesthimmerlands');

-- The 4-digit zero-padded form of every municipality code ([S16]), so a lookup by either form works.
INSERT INTO organisation_alias (code, alias) VALUES
    ('101', '0101'), ('147', '0147'), ('151', '0151'), ('153', '0153'), ('155', '0155'), ('157', '0157'),
    ('159', '0159'), ('161', '0161'), ('163', '0163'), ('165', '0165'), ('167', '0167'), ('169', '0169'),
    ('173', '0173'), ('175', '0175'), ('183', '0183'), ('185', '0185'), ('187', '0187'), ('190', '0190'),
    ('201', '0201'), ('210', '0210'), ('217', '0217'), ('219', '0219'), ('223', '0223'), ('230', '0230'),
    ('240', '0240'), ('250', '0250'), ('253', '0253'), ('259', '0259'), ('260', '0260'), ('265', '0265'),
    ('269', '0269'), ('270', '0270'), ('306', '0306'), ('316', '0316'), ('320', '0320'), ('326', '0326'),
    ('329', '0329'), ('330', '0330'), ('336', '0336'), ('340', '0340'), ('350', '0350'), ('360', '0360'),
    ('370', '0370'), ('376', '0376'), ('390', '0390'), ('400', '0400'), ('410', '0410'), ('420', '0420'),
    ('430', '0430'), ('440', '0440'), ('450', '0450'), ('461', '0461'), ('479', '0479'), ('480', '0480'),
    ('482', '0482'), ('492', '0492'), ('510', '0510'), ('530', '0530'), ('540', '0540'), ('550', '0550'),
    ('561', '0561'), ('563', '0563'), ('573', '0573'), ('575', '0575'), ('580', '0580'), ('607', '0607'),
    ('615', '0615'), ('621', '0621'), ('630', '0630'), ('657', '0657'), ('661', '0661'), ('665', '0665'),
    ('671', '0671'), ('706', '0706'), ('707', '0707'), ('710', '0710'), ('727', '0727'), ('730', '0730'),
    ('740', '0740'), ('741', '0741'), ('746', '0746'), ('751', '0751'), ('756', '0756'), ('760', '0760'),
    ('766', '0766'), ('773', '0773'), ('779', '0779'), ('787', '0787'), ('791', '0791'), ('810', '0810'),
    ('813', '0813'), ('820', '0820'), ('825', '0825'), ('840', '0840'), ('846', '0846'), ('849', '0849'),
    ('851', '0851'), ('860', '0860');

-- Target groups under LAB (BEK nr. 2636 af 28/12/2021 § 1 [S20], with the LAB chapters it names).
-- valid_from 2020-01-01: new LAB (lov nr. 548 af 7. maj 2019) in force ([S21]).
-- Uddannelseshjælp was folded into kontanthjælp with effect 2025-07-01 ([S26][S27]); the two
-- uddannelseshjælp groups stay as historical values for data before that date.
-- Ressourceforløb and revalidering are closed to new citizens by LOV nr. 1750 af 29/12/2025 (in force
-- 1 Feb / 1 Jul 2026), but the in-force date per element is UNVERIFIED ([S22]): valid_to
-- stays NULL until it is confirmed. Existing courses run out under the old rules.
-- Not encoded: the new main LAB expected 2027-01-01 with 13 -> 5 target groups ([S24][S25]) is
-- not yet law in the sources read, so no row has a 2027 valid_to.
-- Ledighedsydelse is in the part of the § 1 list that was not read ("…"); its row rests on [S30].
-- 'other' is not a LAB target group: it lets programmes with broad target groups (Socialstyrelsen's
-- samarbejdsmodel of 2015, [SAMARBEJDSMODELLEN]) be represented. It has no legal basis and so no natural start date;
-- 2007-01-01 (the reference-data epoch, as for organisations) is a convention, not a fact.
INSERT INTO target_group (code, name_da, name_en, legal_ref, valid_from, valid_to) VALUES
    ('dagpenge', 'A-dagpenge', 'Unemployment insurance benefit (a-dagpenge)',
     'BEK nr. 2636 af 28/12/2021 § 1', '2020-01-01', NULL),
    ('jobparat-kontanthjaelp', 'Jobparat kontanthjælp', 'Cash benefit, job-ready',
     'BEK nr. 2636 af 28/12/2021 § 1', '2020-01-01', NULL),
    ('aktivitetsparat-kontanthjaelp', 'Aktivitetsparat kontanthjælp', 'Cash benefit, activity-ready',
     'BEK nr. 2636 af 28/12/2021 § 1', '2020-01-01', NULL),
    ('uddannelsesparat-uddannelseshjaelp', 'Uddannelsesparat uddannelseshjælp',
     'Education benefit, education-ready', 'BEK nr. 2636 af 28/12/2021 § 1', '2020-01-01',
     '2025-07-01'),
    ('aktivitetsparat-uddannelseshjaelp', 'Aktivitetsparat uddannelseshjælp',
     'Education benefit, activity-ready', 'BEK nr. 2636 af 28/12/2021 § 1', '2020-01-01',
     '2025-07-01'),
    ('sygedagpenge', 'Sygedagpenge', 'Sickness benefit',
     'BEK nr. 2636 af 28/12/2021 § 1', '2020-01-01', NULL),
    ('jobafklaring', 'Jobafklaringsforløb', 'Job clarification course',
     'BEK nr. 2636 af 28/12/2021 § 1; LAB kap. 18', '2020-01-01', NULL),
    ('ressourceforloeb', 'Ressourceforløb', 'Resource course',
     'BEK nr. 2636 af 28/12/2021 § 1; LAB kap. 19', '2020-01-01', NULL),
    ('fleksjob', 'Visiteret til fleksjob', 'Approved for flexible job (fleksjob)',
     'BEK nr. 2636 af 28/12/2021 § 1; LAB kap. 20', '2020-01-01', NULL),
    ('revalidering', 'Revalidering', 'Vocational rehabilitation',
     'BEK nr. 2636 af 28/12/2021 § 1; LAB kap. 21', '2020-01-01', NULL),
    ('foertidspension', 'Førtidspension', 'Disability pension',
     'BEK nr. 2636 af 28/12/2021 § 1', '2020-01-01', NULL),
    ('ledighedsydelse', 'Ledighedsydelse', 'Unemployment benefit while approved for fleksjob',
     'BEK nr. 2636 af 28/12/2021 § 1', '2020-01-01', NULL),
    ('other', 'Anden målgruppe', 'Other target group', '—', '2007-01-01', NULL);
