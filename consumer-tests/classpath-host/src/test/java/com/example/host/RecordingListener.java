package com.example.host;

import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.event.MfaEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Found through META-INF/services; ServiceLoader makes the instance, so it records into a static list. */
public final class RecordingListener implements MfaEventListener {

    static final List<MfaEvent> EVENTS = new CopyOnWriteArrayList<>();

    /** For ServiceLoader. */
    public RecordingListener() {
    }

    @Override
    public void onEvent(MfaEvent event) {
        EVENTS.add(event);
    }
}
