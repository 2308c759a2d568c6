package dev.mfa4j.spring.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** One user's session against the test application, as a browser would keep it. */
final class Browser {

    final MockMvc mvc;
    final MockHttpSession session = new MockHttpSession();

    Browser(MockMvc mvc) {
        this.mvc = mvc;
    }

    MvcResult get(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).session(session)).andReturn();
    }

    MvcResult getJson(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).session(session).header("Accept", "application/json")).andReturn();
    }

    /** A POST with a valid CSRF token. */
    MvcResult post(String path, String... params) throws Exception {
        return mvc.perform(form(path, params).with(csrf())).andReturn();
    }

    MvcResult postJson(String path) throws Exception {
        return mvc.perform(form(path).header("Accept", "application/json").with(csrf())).andReturn();
    }

    MvcResult postWithoutCsrf(String path, String... params) throws Exception {
        return mvc.perform(form(path, params)).andReturn();
    }

    MvcResult logIn(String user, String password) throws Exception {
        return post("/login", "username", user, "password", password);
    }

    Authentication authentication() {
        SecurityContext context = (SecurityContext) session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        return context == null ? null : context.getAuthentication();
    }

    private MockHttpServletRequestBuilder form(String path, String... params) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(path).session(session);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        return request;
    }
}
