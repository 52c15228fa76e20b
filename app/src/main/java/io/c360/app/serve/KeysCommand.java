package io.c360.app.serve;

import io.c360.app.C360Command;
import io.c360.runtime.PostgresService;
import io.c360.serve.auth.ApiKey;
import io.c360.serve.auth.ApiKeys;
import io.c360.serve.auth.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.function.Function;

@Command(name = "keys", description = "Manage the API keys of the HTTP server (stored hashed in PostgreSQL).",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static <T> T withKeys(CommandSpec spec, Function<ApiKeys, T> action) {
        try (PostgresService postgres = PostgresService.open(C360Command.of(spec).config())) {
            return action.apply(ApiKeys.open(postgres));
        }
    }

    @Command(name = "create", description = "Create a key and print it (the only time it is shown).")
    static final class Create implements Runnable {
        @Option(names = "--role", required = true, description = "admin (everything), analyst (SQL and masked profiles) or service (profile reads).")
        String role;

        @Option(names = "--name", defaultValue = "${sys:user.name}", description = "Who or what the key is for (default: your user name).")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Role r = Role.parse(role);
            ApiKeys.Created created = withKeys(spec, keys -> keys.create(name, r));
            System.out.println(created.plainText());
            System.err.println("key " + created.key().id() + " (" + r.label() + ", " + name + ") created; store it now, it is not shown again");
        }
    }

    @Command(name = "list", description = "List keys (never their secrets).")
    static final class ListKeys implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            List<ApiKey> keys = withKeys(spec, ApiKeys::list);
            System.out.printf("%-10s %-8s %-24s %-26s %s%n", "id", "role", "name", "created", "revoked");
            for (ApiKey k : keys) {
                System.out.printf("%-10s %-8s %-24s %-26s %s%n", k.id(), k.role().label(), k.name(), k.createdAt(),
                        k.revokedAt() == null ? "" : k.revokedAt());
            }
        }
    }

    @Command(name = "revoke", description = "Revoke a key by id (running servers refuse it within "
            + "5 seconds).")
    static final class Revoke implements Runnable {
        @Parameters(paramLabel = "KEY_ID", description = "The id shown by 'c360 keys list'.")
        String id;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            if (!withKeys(spec, keys -> keys.revoke(id))) {
                throw new IllegalArgumentException("no active key with id '" + id + "' (see c360 keys list)");
            }
            System.out.println("key " + id + " revoked");
        }
    }
}
