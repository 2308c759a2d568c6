package dev.mfa4j.testkit.duo.internal;

import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.Integration;
import dev.mfa4j.testkit.duo.PushBehaviour;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The simulator's accounts: integrations, users by name and by id, each user's unused
 * passcodes, and each user's scripted push behaviour. Thread-safe.
 */
public final class Directory {

    private final Map<String, Integration> integrations = new ConcurrentHashMap<>();
    private final List<Integration> integrationOrder = new CopyOnWriteArrayList<>();
    private final Map<String, DuoUser> byName = new ConcurrentHashMap<>();
    private final Map<String, DuoUser> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> unusedPasscodes = new ConcurrentHashMap<>();
    private final Map<String, Queue<PushBehaviour>> nextPushes = new ConcurrentHashMap<>();
    private final Map<String, PushBehaviour> standingPushes = new ConcurrentHashMap<>();

    /** Registers (or replaces) an integration. */
    public void add(Integration integration) {
        if (integrations.put(integration.integrationKey(), integration) == null) {
            integrationOrder.add(integration);
        } else {
            integrationOrder.replaceAll(i -> i.integrationKey().equals(integration.integrationKey()) ? integration : i);
        }
    }

    /** Integrations in the order first registered. */
    public List<Integration> integrations() {
        return List.copyOf(integrationOrder);
    }

    /** The secret key of a registered integration key. */
    public Optional<String> secretKey(String integrationKey) {
        return Optional.ofNullable(integrations.get(integrationKey)).map(Integration::secretKey);
    }

    /**
     * Registers (or replaces) a user; its passcodes become the unused ones.
     *
     * @throws IllegalArgumentException if another user already has this user's id
     */
    public synchronized void add(DuoUser user) {
        DuoUser sameId = byId.get(user.userId());
        if (sameId != null && !sameId.username().equals(user.username())) {
            throw new IllegalArgumentException("user id " + user.userId() + " already belongs to " + sameId.username());
        }
        DuoUser previous = byName.put(user.username(), user);
        if (previous != null) {
            byId.remove(previous.userId());
        }
        byId.put(user.userId(), user);
        Set<String> codes = ConcurrentHashMap.newKeySet();
        codes.addAll(user.passcodes());
        unusedPasscodes.put(user.userId(), codes);
    }

    /** Every registered user. */
    public Collection<DuoUser> users() {
        return List.copyOf(byName.values());
    }

    /** A user by username. */
    public Optional<DuoUser> byUsername(String username) {
        return Optional.ofNullable(byName.get(username));
    }

    /** A user by Duo user id. */
    public Optional<DuoUser> byUserId(String userId) {
        return Optional.ofNullable(byId.get(userId));
    }

    /** Makes more passcodes valid, once each, for {@code user}. */
    public void addPasscodes(DuoUser user, Collection<String> codes) {
        unusedPasscodes.computeIfAbsent(user.userId(), id -> ConcurrentHashMap.newKeySet()).addAll(codes);
    }

    /** Uses up {@code code} if it is one of the user's unused passcodes. Atomic. */
    public boolean consumePasscode(DuoUser user, String code) {
        Set<String> codes = unusedPasscodes.get(user.userId());
        return codes != null && codes.remove(code);
    }

    /** Queues a behaviour for the user's next push only. */
    public void scriptNext(DuoUser user, PushBehaviour behaviour) {
        nextPushes.computeIfAbsent(user.userId(), id -> new ConcurrentLinkedQueue<>()).add(behaviour);
    }

    /** Sets the behaviour for all of the user's pushes that have no one-off script. */
    public void scriptAll(DuoUser user, PushBehaviour behaviour) {
        standingPushes.put(user.userId(), behaviour);
    }

    /** The behaviour for the user's push now starting: one-off, else standing, else the default. */
    public PushBehaviour behaviourForNextPush(DuoUser user, PushBehaviour fallback) {
        Queue<PushBehaviour> queued = nextPushes.get(user.userId());
        PushBehaviour next = queued == null ? null : queued.poll();
        if (next != null) {
            return next;
        }
        return standingPushes.getOrDefault(user.userId(), fallback);
    }
}
