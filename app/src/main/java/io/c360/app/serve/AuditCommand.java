package io.c360.app.serve;

import io.c360.app.C360Command;
import io.c360.runtime.PostgresService;
import io.c360.serve.audit.AuditEvent;
import io.c360.serve.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit", description = "Print the latest accesses to personal data (who, what, when, which customer).")
public final class AuditCommand implements Runnable {

    @Option(names = "--customer", paramLabel = "CUSTOMER_ID", description = "Only accesses to this customer.")
    String customer;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many events (default ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        try (PostgresService postgres = PostgresService.open(C360Command.of(spec).config());
             AuditLog log = AuditLog.open(postgres)) {
            for (AuditEvent e : log.recent(customer, limit)) {
                System.out.printf("%s  %-8s %-16s %-8s %-18s %-12s %s%n", e.at(), e.keyId(), e.keyName(), e.role(), e.action(),
                        e.customerId() == null ? "-" : e.customerId(), e.detail() == null ? "" : e.detail().replace('\n', ' '));
            }
        }
    }
}
