package com.example.host.modular;

import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.event.MfaEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Bound by the module system ({@code provides} in module-info); ServiceLoader makes the instance. */
public final class AuditListener implements MfaEventListener {

    static final List<MfaEvent> EVENTS = new CopyOnWriteArrayList<>();

    /** For ServiceLoader. */
    public AuditListener() {
    }

    @Override
    public void onEvent(MfaEvent event) {
        EVENTS.add(event);
    }
}
