#include "cli/demo_data.h"

#include <stddef.h>

/* Periods are moved to end relative to today (the issue asks for demo dates relative to today)
 * but keep each programme's length; the real dates stay in the description. */
const struct demo_project demo_projects[5] = {
    {"ibbu-midt",
     "IBBU Midt",
     "1082",
     "Indsats der integrerer behandling, uddannelse og beskæftigelse målrettet unge med "
     "depression, "
     "angst og stress. Region Midtjylland (Klinisk Socialmedicin & Rehabilitering) with Herning, "
     "Randers, Skive and Syddjurs; 300 young people aged 18-30 with symptoms of depression, "
     "anxiety "
     "or stress; 2 years 8 months (2021-2024); screening and assessment in the job centre by "
     "seconded health staff; external evaluation. Targets: 116 in education and 84 in jobs.",
     14,
     32,
     300,
     18,
     30,
     {"aktivitetsparat-kontanthjaelp", "jobparat-kontanthjaelp", "sygedagpenge", "other"},
     {"phq9", "gad7", "who5", "wsas"},
     {3, 6, 12},
     0,
     "jobconsultant",
     "job_consultant",
     {{"657", "herning"}, {"730", "randers"}, {"779", "skive"}, {"706", "syddjurs"}, {0, 0}}},
    {"ibbu-nord",
     "IBBU-Nord",
     "1081",
     "Integreret Behandlings- og Beskæftigelses-/Uddannelsesindsats for unge med lettere psykiske "
     "lidelser. Region Nordjylland (Socialmedicinsk Enhed, Aalborg University Hospital) with "
     "Vesthimmerland, Thisted, Jammerbugt and Morsø; 200 young people; 2 years 8 months; three "
     "tracks (education/employment, treatment, joint plan) with a care manager.",
     12,
     32,
     200,
     18,
     30,
     {"aktivitetsparat-kontanthjaelp", "jobparat-kontanthjaelp", "sygedagpenge", "other"},
     {"phq9", "gad7", "who5"},
     {3, 6, 12},
     0,
     "jobconsultant",
     "job_consultant",
     {{"820", "vesthimmerland"},
      {"787", "thisted"},
      {"849", "jammerbugt"},
      {"773", "morsoe"},
      {0, 0}}},
    {"samarbejdsmodellen",
     "Samarbejdsmodellen",
     NULL,
     "Socialstyrelsen's cooperation model for young people with mental-health difficulties in the "
     "transition to adulthood (Unge med psykiske vanskeligheder - overgang fra barn til voksen), "
     "developed 2011-2014 with Furesø, Odsherred, Viborg and Aabenraa for 16-24-year-olds with "
     "mild to severe difficulties; a broad target group; a guide coordinates around the young "
     "person. Rambøll's final report (2015): 73 % started and stayed in education or work.",
     20,
     36,
     120,
     16,
     24,
     {"other", "aktivitetsparat-kontanthjaelp", 0, 0},
     {"who5", "phq9"},
     {6, 12},
     0,
     "jobconsultant",
     "job_consultant",
     {{"190", "furesoe"}, {"306", "odsherred"}, {"791", "viborg"}, {"580", "aabenraa"}, {0, 0}}},
    {"ips-syddanmark",
     "IPS Syddanmark",
     "1083",
     "Region Syddanmark's outpatient psychiatry with Faaborg-Midtfyn, Odense, Middelfart and "
     "Fredericia (systematic IPS from early 2021): an IPS consultant from the job centre in close "
     "contact with the therapist. The demo is randomised; its synthetic outcomes follow the Danish "
     "IPS trial (Christensen et al., JAMA Psychiatry 2019): about 60 % of the IPS arm and 46 % of "
     "usual service in ordinary work or education.",
     18,
     36,
     200,
     18,
     30,
     {"other", "aktivitetsparat-kontanthjaelp", "jobparat-kontanthjaelp", 0},
     {"phq9", "gad7", "wsas"},
     {6, 12, 18},
     1,
     "ipsconsultant",
     "job_consultant",
     {{"430", "faaborg-midtfyn"},
      {"461", "odense"},
      {"410", "middelfart"},
      {"607", "fredericia"},
      {0, 0}}},
    {"paa-vej-til-arbejde",
     "På vej til arbejde",
     "1085",
     "Næstved Kommune with Region Sjælland (Psykiatrien, Integreret Psykiatri); 100 active "
     "citizens in the target group aktivitetsparat; four resource consultants; 4 years from "
     "1 August 2017 (1/2 year start-up, 3 years, 1/2 year evaluation); research evaluation by "
     "VIVE. Mid-term (2019): 17 % in a job, 10 % started education.",
     24,
     48,
     100,
     18,
     64,
     {"aktivitetsparat-kontanthjaelp", 0, 0, 0},
     {"phq9", "who5"},
     {6, 12},
     0,
     "resourceconsultant",
     "resource_consultant",
     {{"370", "naestved"}, {0, 0}, {0, 0}, {0, 0}, {0, 0}}},
};
