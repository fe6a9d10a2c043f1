/* Sub-commands of the samspor binary. Each returns the process exit status: 0 success,
 * 1 failure (a message on stderr), 2 usage error (usage on stderr). */
#ifndef SP_CLI_CLI_H
#define SP_CLI_CLI_H

struct cli_command {
    const char *name;
    const char *summary; /* one line for `samspor help` */
    const char *usage;   /* "samspor serve --db PATH [--listen HOST:PORT]" */
    const char *help;    /* paragraphs for `samspor help NAME` */
    int (*run)(int argc, char **argv);
};

/* The table of commands, ending with a NULL name. */
extern const struct cli_command cli_commands[];

/* The process entry point: dispatch argv[1] to its command. */
int cli_main(int argc, char **argv);

/* Print "usage: …" of one command on stderr and return 2. */
int cli_usage_error(const char *command);

int cli_serve(int argc, char **argv);
int cli_init(int argc, char **argv);
int cli_migrate(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_version(int argc, char **argv);
int cli_help(int argc, char **argv);

#endif
