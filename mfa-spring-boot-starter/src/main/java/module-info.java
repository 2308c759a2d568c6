/**
 * Spring Boot auto-configuration of mfa4j: {@link dev.mfa4j.spring.boot.MfaAutoConfiguration}.
 */
module dev.mfa4j.spring.boot {
    requires transitive dev.mfa4j.core;
    requires transitive spring.boot;
    requires transitive spring.boot.autoconfigure;
    requires spring.beans;
    requires spring.context;
    requires spring.core;
    requires java.sql;
    requires org.slf4j;
    requires static dev.mfa4j.store.jdbc;
    requires static dev.mfa4j.micrometer;
    requires static dev.mfa4j.spring.security;
    requires static micrometer.core;
    requires static micrometer.observation;
    requires static transitive spring.boot.health;

    exports dev.mfa4j.spring.boot;
    // Spring reads the configuration classes and properties reflectively.
    opens dev.mfa4j.spring.boot to spring.core, spring.beans, spring.context;
    opens dev.mfa4j.spring.boot.internal to spring.core, spring.beans, spring.context;
}
