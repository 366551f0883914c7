package jp.kagi.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API's root: /api/v1. */
@ApplicationPath("/api/v1")
public class KagiApi extends Application {
}
