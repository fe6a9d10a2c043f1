/* The five programmes as demo projects (facts and their sources in docs/sources.md, "The
 * programmes in the demo data"; kept in each description). Internal to cli/demo.c. */
#ifndef SP_CLI_DEMO_DATA_H
#define SP_CLI_DEMO_DATA_H

struct demo_municipality {
    const char *code; /* official code, HL7 DK Core (docs/sources.md#s16) */
    const char *slug; /* for usernames: ASCII, lower case */
};

struct demo_project {
    const char *slug;
    const char *name;
    const char *region_code;
    const char *description;
    int months_running; /* the demo period starts this many months before today */
    int duration_months;
    int target_count;
    int age_min;
    int age_max;
    const char *target_groups[4];
    const char *instruments[6];
    int followups[5];
    int randomised;
    const char *consultant_user; /* username prefix: "jobconsultant", "ipsconsultant", … */
    const char *consultant_role; /* role code: "job_consultant" or "resource_consultant" */
    struct demo_municipality municipalities[5];
};

extern const struct demo_project demo_projects[5];

#endif
