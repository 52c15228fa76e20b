package io.c360.sources;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The format reader accepts the real workshop files and rejects exactly their known defects. */
class WorkshopFixturesTest {

    private final Path fixtures = TestWorkspace.fixtures();

    @Test
    void headerlessExtractsParseCompletely() throws Exception {
        WorkshopFormatReader.Result accounts = WorkshopFormatReader.accounts(fixtures.resolve("account/account0020240523-063958.csv"));
        WorkshopFormatReader.Result cards = WorkshopFormatReader.cards(fixtures.resolve("card/card0020240523-064030.csv"));
        WorkshopFormatReader.Result dispositions = WorkshopFormatReader.dispositions(fixtures.resolve("dispositions/account0020240523-064034.csv"));
        WorkshopFormatReader.Result visitors = WorkshopFormatReader.visitorMap(fixtures.resolve("visitors/ga_visitors.csv"));

        assertThat(accounts.rows()).hasSize(1999);
        assertThat(cards.rows()).hasSize(3000);
        assertThat(dispositions.rows()).hasSize(200);
        assertThat(visitors.rows()).hasSize(201);
        assertThat(accounts.rejects()).isEmpty();
        assertThat(cards.rejects()).isEmpty();
        assertThat(dispositions.rejects()).isEmpty();
        assertThat(visitors.rejects()).isEmpty();
    }

    @Test
    void retailFileRejectsOnlyTheMonth50Rows() throws Exception {
        WorkshopFormatReader.Result retail = WorkshopFormatReader.retail(fixtures.resolve("retail/Retail-SaaS-Sales-head2500.csv"));

        assertThat(retail.total()).isEqualTo(2500);
        assertThat(retail.rejects()).hasSize(212).allMatch(r -> r.contains("Order_Date: '50/"));
    }

    @Test
    void webSessionsAndCrmLinesParse() throws Exception {
        int sessions = 0;
        for (Path day : TestWorkspace.files(fixtures.resolve("web_analytics"), "ga_sessions_*.json")) {
            WorkshopFormatReader.Result result = WorkshopFormatReader.webSessions(day);
            assertThat(result.rejects()).isEmpty();
            sessions += result.rows().size();
        }
        WorkshopFormatReader.Result crm = WorkshopFormatReader.crm(Files.readAllLines(fixtures.resolve("crm/crm0020240523-064013.json")));

        assertThat(sessions).isEqualTo(40);
        assertThat(crm.rows()).hasSize(500);
        assertThat(crm.rejects()).isEmpty();
    }
}
