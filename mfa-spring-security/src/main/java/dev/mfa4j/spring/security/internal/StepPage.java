package dev.mfa4j.spring.security.internal;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The step's HTML page: a passcode form, a push button, and the push's live status. Scripts and
 * styles are separate files, so a strict Content-Security-Policy ({@code script-src 'self'}) holds.
 * Every value is HTML-escaped; nothing the user typed is ever shown.
 */
final class StepPage {

    /**
     * What the page shows.
     *
     * @param base the context path plus the step URL, such as {@code /app/mfa}
     * @param contextPath the context path
     * @param userName the signed-in user
     * @param message a message about the last attempt, or null
     * @param push the push in progress or just ended, or null
     * @param pushJson its status as JSON (what the status request answers), or null
     * @param logoutUrl the logout URL (with the context path), or null
     * @param csrf the CSRF token, or null
     */
    record View(String base, String contextPath, String userName, String message, PushAttempt.Snapshot push, String pushJson,
            String logoutUrl, CsrfToken csrf) {
    }

    private StepPage() {
    }

    static String render(View view) {
        boolean waiting = view.push() != null && !view.push().ended();
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Second factor</title>\n")
                .append("<link rel=\"stylesheet\" href=\"").append(e(view.base())).append("/step.css\">\n");
        if (waiting) {
            // Without JavaScript the page reloads itself while the push waits.
            html.append("<noscript><meta http-equiv=\"refresh\" content=\"3\"></noscript>\n");
        }
        html.append("</head>\n<body>\n<main id=\"mfa4j-step\" class=\"mfa4j-card\"")
                .append(" data-status-url=\"").append(e(view.base())).append("/push/status\"")
                .append(" data-push-url=\"").append(e(view.base())).append("/push\"")
                .append(" data-finish-url=\"").append(e(view.base())).append("/push/finish\"");
        if (view.csrf() != null) {
            html.append(" data-csrf-header=\"").append(e(view.csrf().getHeaderName())).append('"')
                    .append(" data-csrf-token=\"").append(e(view.csrf().getToken())).append('"');
        }
        if (view.pushJson() != null) {
            html.append(" data-push-status=\"").append(e(view.pushJson())).append('"');
        }
        html.append(">\n<h1>Second factor</h1>\n")
                .append("<p class=\"mfa4j-who\">Signed in as <strong>").append(e(view.userName()))
                .append("</strong>. Confirm it is you with a passcode or a push to your phone.</p>\n");
        html.append("<p id=\"mfa4j-message\" class=\"mfa4j-message\" role=\"alert\"");
        if (view.message() == null) {
            html.append(" hidden></p>\n");
        } else {
            html.append('>').append(e(view.message())).append("</p>\n");
        }

        html.append("<form id=\"mfa4j-passcode-form\" method=\"post\" action=\"").append(e(view.base())).append("/passcode\">\n")
                .append("<label for=\"mfa4j-passcode\">Passcode</label>\n")
                .append("<input id=\"mfa4j-passcode\" name=\"passcode\" type=\"text\" inputmode=\"numeric\" autocomplete=\"one-time-code\"")
                .append(" maxlength=\"32\" required autofocus>\n");
        csrfField(html, view.csrf());
        html.append("<button id=\"mfa4j-passcode-submit\" type=\"submit\">Verify</button>\n</form>\n")
                .append("<p class=\"mfa4j-or\">or</p>\n")
                .append("<form id=\"mfa4j-push-form\" method=\"post\" action=\"").append(e(view.base())).append("/push\">\n");
        csrfField(html, view.csrf());
        html.append("<button id=\"mfa4j-push-submit\" type=\"submit\"").append(waiting ? " disabled" : "")
                .append(">Send a push to my phone</button>\n</form>\n");

        html.append("<section id=\"mfa4j-push\" aria-live=\"polite\"").append(view.push() == null ? " hidden" : "").append(">\n")
                .append("<p id=\"mfa4j-status\" data-state=\"").append(view.push() == null ? "none" : state(view.push())).append("\">")
                .append(view.push() == null ? "" : e(statusText(view.push()))).append("</p>\n")
                .append("<p id=\"mfa4j-code-line\"").append(view.push() != null && view.push().code() != null && waiting ? "" : " hidden")
                .append(">Enter this code in your app: <strong id=\"mfa4j-code\">")
                .append(view.push() != null && view.push().code() != null ? e(view.push().code()) : "").append("</strong></p>\n")
                .append("<p id=\"mfa4j-time\"></p>\n")
                .append("<form id=\"mfa4j-finish-form\" method=\"post\" action=\"").append(e(view.base())).append("/push/finish\"")
                .append(view.push() != null && view.push().ended() && view.push().result().allowed() ? "" : " hidden").append(">\n");
        csrfField(html, view.csrf());
        html.append("<button id=\"mfa4j-finish-submit\" type=\"submit\">Continue</button>\n</form>\n</section>\n");

        if (view.logoutUrl() != null) {
            html.append("<form id=\"mfa4j-logout-form\" class=\"mfa4j-logout\" method=\"post\" action=\"").append(e(view.logoutUrl()))
                    .append("\">\n");
            csrfField(html, view.csrf());
            html.append("<button type=\"submit\" class=\"mfa4j-link\">Sign out</button>\n</form>\n");
        }
        html.append("</main>\n<script src=\"").append(e(view.base())).append("/step.js\"></script>\n</body>\n</html>\n");
        return html.toString();
    }

    static String state(PushAttempt.Snapshot push) {
        return push.ended() ? StepMessages.state(push.result().reason()) : "waiting";
    }

    private static String statusText(PushAttempt.Snapshot push) {
        return push.ended() ? StepMessages.describe(push.result().reason()) : "Waiting for your approval on your device…";
    }

    private static void csrfField(StringBuilder html, CsrfToken csrf) {
        if (csrf != null) {
            html.append("<input type=\"hidden\" name=\"").append(e(csrf.getParameterName())).append("\" value=\"")
                    .append(e(csrf.getToken())).append("\">\n");
        }
    }

    private static String e(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
