/* The demo's employer register: see demo_employers.h. The names are invented and say so. */
#include "cli/demo_employers.h"

#include <stdbool.h>

/* Employers of kinds that take on young people in IPS and company internships (a workshop, a
 * warehouse, a café, a shop): with one contact person each, and what the consultant learned. */
static const struct {
    const char *name;
    const char *person;
    const char *title;
    const char *outcome;
} employers[] = {
    {"Fiktiv Tømrer og Snedker ApS (demo)", "Fiktiv Værkfører", "Værkfører",
     "Tager gerne en i praktik på værkstedet; vil høre om arbejdstider først."},
    {"Fiktiv Lager og Logistik A/S (demo)", "Fiktiv Lagerchef", "Lagerchef",
     "Søger folk til plukning på deltid, 15-20 timer om ugen."},
    {"Café Fiktiv (demo)", "Fiktiv Indehaver", "Indehaver",
     "Kan bruge en hjælper i køkkenet om formiddagen."},
    {"Fiktiv Genbrugsbutik (demo)", "Fiktiv Butiksleder", "Butiksleder",
     "Vil gerne prøve en virksomhedspraktik med langsom opstart."},
};

static enum sp_code add_one(struct store *st, struct sp_arena *arena, size_t i,
                            const char *municipality, int64_t consultant, struct core_date today,
                            const char *now, struct sp_err *err)
{
    struct employer_contact_person *p = sp_arena_alloc(arena, sizeof *p);
    struct employer e = {.municipality_code = municipality,
                         .name = employers[i].name,
                         .created_at = now,
                         .created_by = consultant,
                         .contact_persons = p,
                         .contact_person_count = 1};
    struct employer_contact c = {.kind = i % 2 ? "phone" : "in_person",
                                 .purpose = "learn_workplace",
                                 .outcome = employers[i].outcome,
                                 .consultant_id = consultant,
                                 .created_at = now};
    char *date = sp_arena_alloc(arena, 11);
    enum sp_code rc;

    *p = (struct employer_contact_person){.name = employers[i].person, .title = employers[i].title};
    rc = store_employer_create(st, &e, err);
    /* One contact a week back per employer, the newest a few days ago. */
    core_date_format(core_date_from_days(core_date_to_days(today) - 3 - 7 * (int)i), date);
    c.employer_id = e.id;
    c.contact_person_id = p->id;
    c.date = date;
    if (rc == SP_OK)
        rc = store_employer_contact_add(st, &c, err);
    return rc;
}

enum sp_code demo_employers_add(struct store *st, struct sp_arena *arena, const char *municipality,
                                int64_t consultant, struct core_date today, const char *now,
                                struct sp_err *err)
{
    struct store_page page = {.after = 0, .limit = 1};
    struct employer *found = NULL;
    size_t count = 0;
    bool more = false;
    enum sp_code rc =
        store_employer_search(st, arena, municipality, NULL, &page, &found, &count, &more, err);

    for (size_t i = 0; rc == SP_OK && count == 0 && i < sizeof employers / sizeof employers[0]; i++)
        rc = add_one(st, arena, i, municipality, consultant, today, now, err);
    return rc;
}
