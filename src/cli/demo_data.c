#include "cli/demo_data.h"

#include <stddef.h>

/* Periods are moved so that they contain today (the demo's dates are relative to today) and keep
 * each programme's length where a source gives it: IBBU Midt three years, På vej til arbejde four
 * (docs/sources.md#ibbu-midt, #paa-vej-til-arbejde). IBBU-Nord, Samarbejdsmodellen and IPS
 * Syddanmark have no sourced length; the description says so and names the demo's. Each
 * description states the programme's real period and the demo's length in Danish words, which
 * tests/api/projects.test.mjs compares with the period. */
const struct demo_project demo_projects[5] = {
    {"ibbu-midt",
     "IBBU Midt",
     "1082",
     "Indsats der integrerer behandling, uddannelse og beskæftigelse målrettet unge med "
     "depression, angst og stress. Region Midtjylland (Klinisk Socialmedicin og Rehabilitering) "
     "samarbejder med jobcentrene i Herning, Randers, Skive og Syddjurs: udstationerede "
     "sundhedsfaglige medarbejdere fra regionen screener, udreder og behandler de unge i "
     "jobcentret, og efterværn er en del af tilbuddet. Målgruppen er 300 unge på 18-30 år med "
     "middelsvær angst, depression eller stress. Målet er, at 116 er i uddannelse og 84 i job ved "
     "projektets afslutning. Det oprindelige projekt løb 2021-2024 med støtte fra Den A.P. "
     "Møllerske Støttefond. Demoen bruger samme længde, tre år, lagt så perioden omfatter dags "
     "dato.",
     14,
     36,
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
     "lidelser som depression, angst og stress. Socialmedicinsk Enhed, Aalborg "
     "Universitetshospital, samarbejder med Vesthimmerland, Thisted, Jammerbugt og Morsø "
     "Kommuner. Den unge følger tre spor: uddannelse og beskæftigelse, behandling og en samlet "
     "plan, som lægges sammen med en behandlingsansvarlig care manager. Projektet blev "
     "offentliggjort i januar 2022 med støtte fra Den A.P. Møllerske Støttefond. Projektperiode "
     "og antal unge fremgår ikke af de offentlige kilder; demoen regner med 200 unge og en "
     "periode på 2 år og 8 måneder, der omfatter dags dato.",
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
     "Socialstyrelsens samarbejdsmodel for unge med psykiske vanskeligheder i overgangen fra "
     "barn til voksen (»Unge med psykiske vanskeligheder – overgang fra barn til voksen«). "
     "Modellen blev udviklet 2011-2014 sammen med Furesø, Odsherred, Viborg og Aabenraa "
     "Kommuner til 16-24-årige med lette til svære psykiske vanskeligheder. En gennemgående "
     "guide koordinerer indsatsen omkring den unge. Rambølls slutevaluering (2015): 73 % af de "
     "unge begyndte på og fastholdt uddannelse eller arbejde i projektperioden. Demoen kører "
     "modellen som et projekt på tre år, der omfatter dags dato.",
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
     "Individuelt planlagt job med støtte (IPS) i Psykiatrien i Region Syddanmark sammen med "
     "jobcentrene i Faaborg-Midtfyn, Odense, Middelfart og Fredericia: en IPS-konsulent fra "
     "jobcentret arbejder tæt sammen med den unges behandler. Den systematiske IPS-indsats "
     "begyndte i starten af 2021 og har ingen fastsat slutdato; demoen bruger en periode på tre "
     "år, der omfatter dags dato. Demoen er randomiseret, og de syntetiske resultater følger det "
     "danske IPS-forsøg for personer med svær psykisk sygdom (Christensen m.fl., JAMA Psychiatry "
     "2019: 59,9 % mod 46,5 % i ordinært arbejde eller uddannelse): 60 af 100 i IPS-gruppen og "
     "46 af 100 i kontrolgruppen.",
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
     "Næstved Kommune og Psykiatrien Region Sjælland (Integreret Psykiatri) i en intensiv "
     "indsats for aktivitetsparate borgere med psykiske vanskeligheder, så de får fodfæste på "
     "arbejdsmarkedet. Fire ressourcekonsulenter koordinerer og støtter, og 100 borgere er aktive "
     "i projektperioden. Det oprindelige projekt løb fire år fra 1. august 2017 (et halvt års "
     "opstart, tre års projektfase og et halvt års evaluering) og blev evalueret af VIVE; ved "
     "midtvejsevalueringen i 2019 var 17 % i job og 10 % startet på uddannelse. Demoen bruger "
     "samme længde, fire år, lagt så perioden omfatter dags dato.",
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
