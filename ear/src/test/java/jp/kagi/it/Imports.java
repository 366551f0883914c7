package jp.kagi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.nio.charset.Charset;

/** Bulk import over the REST API, for the tests: build a CSV, start a job, wait for it to finish. */
final class Imports {

    private Imports() {
    }

    /** A CSV of {@code rows} accounts of {@code customer} ({@code tag} keeps e-mail addresses unique per test). */
    static String csv(String customer, String tag, int rows) {
        StringBuilder csv = new StringBuilder("customer,email,displayName,language\r\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(customer).append(',').append(tag).append('-').append(i).append("@example.jp,")
                    .append("利用者 ").append(i).append(',').append(i % 2 == 0 ? "en" : "ja").append("\r\n");
        }
        return csv.toString();
    }

    static JsonObject start(Api api, String csv, Charset charset, boolean issue) {
        Api.Response started = api.postBytes("/api/v1/accounts/import?dryRun=false&issue=" + issue
                + "&fileName=test.csv", csv.getBytes(charset), "text/csv");
        assertEquals(202, started.status(), started.body());
        assertEquals(Api.BASE + "/api/v1/imports/" + started.json().getJsonNumber("jobId").longValue(),
                started.location(), "Location: the job (Api has followed it already)");
        return started.json();
    }

    /** Polls the job until it is no longer running (at most {@code seconds}). */
    static JsonObject awaitFinished(Api api, long jobId, int seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonObject job = null;
        while (System.currentTimeMillis() < deadline) {
            job = api.get("/api/v1/imports/" + jobId).json();
            if (!"RUNNING".equals(job.getString("status"))) {
                return job;
            }
            sleep(500);
        }
        throw new AssertionError("Import job " + jobId + " still running after " + seconds + " s: " + job);
    }

    /** The id of the newest import job: its counts may move while a test runs, its id says whether a job was added. */
    static String newestJob(Api api) {
        var jobs = api.get("/api/v1/imports").array();
        return jobs.isEmpty() ? "none" : jobs.getJsonObject(0).get("id").toString();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
