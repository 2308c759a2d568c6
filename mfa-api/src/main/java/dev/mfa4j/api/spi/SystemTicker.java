package dev.mfa4j.api.spi;

/** {@link Ticker#system()}: one instance, so code can tell it from a test's ticker. */
enum SystemTicker implements Ticker {
    INSTANCE;

    @Override
    public long read() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "Ticker.system()";
    }
}
