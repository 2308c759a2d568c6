/**
 * The mfa4j second factor as a step of a Spring Security filter chain:
 * {@link dev.mfa4j.spring.security.MfaStepConfigurer}.
 */
module dev.mfa4j.spring.security {
    requires transitive dev.mfa4j.core;
    requires transitive spring.security.config;
    requires transitive spring.security.core;
    requires transitive spring.security.web;
    requires spring.beans;
    requires spring.context;
    requires spring.core;
    requires spring.web;
    // The servlet container provides the API: the jakarta.servlet module, or, in an embedded
    // Tomcat on the module path, its automatic module (then add
    // --add-reads dev.mfa4j.spring.security=org.apache.tomcat.embed.core).
    requires static jakarta.servlet;
    requires org.slf4j;

    exports dev.mfa4j.spring.security;
}
