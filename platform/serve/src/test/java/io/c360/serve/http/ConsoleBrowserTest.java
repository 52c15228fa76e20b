package io.c360.serve.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in a real headless Chromium: sign in with a key, search a customer, open the
 * 360 page with its charts, run a query in the SQL editor. Needs the Debian packages chromium
 * and chromium-driver.
 */
class ConsoleBrowserTest {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @TempDir
    static Path workspace;
    static TestServer t;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assertThat(new File(CHROMIUM)).as("headless Chromium is needed for the console test: "
                + "apt-get install -y chromium chromium-driver").exists();
        assertThat(new File(CHROMEDRIVER)).as("chromedriver is needed for the console test: "
                + "apt-get install -y chromium chromium-driver").exists();
        t = new TestServer(workspace);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1366,900",
                "--user-data-dir=" + Files.createDirectories(workspace.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (t != null) {
            t.close();
        }
    }

    WebElement await(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * Opens the console signed out (the key of an earlier test stays in sessionStorage otherwise).
     * The key is cleared on the stylesheet, a page of the same origin without the console's script:
     * on a console page a sign-in still in flight would store the key again after the clear.
     */
    void openSignedOut(String path) {
        browser.get(t.baseUrl + "/style.css");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get(t.baseUrl + path);
    }

    @Test
    void signInSearchOpenThe360PageAndRunAQuery() {
        openSignedOut("/");
        await(By.id("api-key")).sendKeys("not-a-key");
        browser.findElement(By.id("login-btn")).click();
        assertThat(await(By.id("login-error")).getText()).contains("not accepted");

        browser.findElement(By.id("api-key")).clear();
        browser.findElement(By.id("api-key")).sendKeys(t.adminKey);
        browser.findElement(By.id("login-btn")).click();
        await(By.id("search-input")).sendKeys("maria");
        browser.findElement(By.id("search-btn")).click();
        await(By.cssSelector(".search-result a")).click();

        assertThat(await(By.id("profile-name")).getText()).isEqualTo("Maria Souza");
        List<WebElement> charts = browser.findElements(By.cssSelector("#charts svg.chart"));
        assertThat(charts).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findElements(By.cssSelector("svg.chart-time polyline.series"))).hasSize(4);
        assertThat(browser.findElements(By.cssSelector("svg.chart-bars rect.bar"))).hasSizeGreaterThanOrEqualTo(6);
        assertThat(browser.findElement(By.cssSelector("svg.chart-time polyline.series")).getSize().getWidth()).isGreaterThan(100);
        WebElement identity = browser.findElement(By.cssSelector("[data-dimension=identity]"));
        assertThat(identity.getText()).contains("same national id");
        assertThat(browser.findElement(By.cssSelector("[data-dimension=golden_record]")).getText()).contains("maria.souza@example.com");
        assertThat(browser.findElement(By.cssSelector("[data-dimension=sources]")).getText()).contains("R5001");

        browser.findElement(By.linkText("SQL")).click();
        WebElement sql = await(By.id("sql-input"));
        sql.clear();
        sql.sendKeys("SELECT segment, count(*) AS customers FROM analytics.customer_360 GROUP BY segment ORDER BY segment");
        browser.findElement(By.id("sql-run")).click();
        WebElement results = await(By.cssSelector("#sql-results table"));
        assertThat(results.getText()).contains("segment").contains("gold").contains("silver");
        assertThat(browser.findElement(By.id("sql-status")).getText()).contains("2 rows");
    }

    @Test
    void anAnalystSeesTheProfileMasked() {
        openSignedOut("/#/customer/C3");
        await(By.id("api-key")).sendKeys(t.analystKey);
        browser.findElement(By.id("login-btn")).click();
        assertThat(await(By.id("profile-name")).getText()).isEqualTo("C. D.");
        assertThat(browser.findElement(By.cssSelector("[data-dimension=golden_record]")).getText())
                .contains("c***@e***.net").doesNotContain("carla@example.net");
    }

    @Test
    void theLineagePageDrawsTheGraphAndTracesAColumn() {
        openSignedOut("/#/lineage/stage.stg_crm__customers.email");
        await(By.id("api-key")).sendKeys(t.analystKey);
        browser.findElement(By.id("login-btn")).click();
        assertThat(await(By.id("lineage-column")).getText()).isEqualTo("stage.stg_crm__customers.email");
        assertThat(browser.findElement(By.id("lineage-detail")).getText()).contains("raw.crm__customers.email");
        assertThat(browser.findElements(By.cssSelector("svg.lineage-graph .node"))).hasSizeGreaterThan(10);
        assertThat(browser.findElements(By.cssSelector("svg.lineage-graph .node.focus"))).singleElement()
                .satisfies(n -> assertThat(n.getAttribute("data-id")).isEqualTo("stage.stg_crm__customers"));
    }
}
