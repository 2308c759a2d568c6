package dev.mfa4j.testkit.duo.internal;

import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.PushBehaviour;
import dev.mfa4j.testkit.duo.PushNotification;
import dev.mfa4j.testkit.internal.TickerScheduler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Transactions by txid and the simulated person behind each push or call: scripted behaviour
 * played on the timer, the test's answers by txid, expiry after the push timeout, and the
 * Verified Push txids preauth hands out. Thread-safe.
 */
public final class Pushes {

    // A finished transaction stays readable by auth_status this long, then is forgotten.
    private static final Duration RETENTION = Duration.ofMinutes(10);

    private final TickerScheduler timer;
    private final Duration pushTimeout;
    private final Supplier<PushBehaviour> defaultBehaviour;
    private final Directory directory;
    private final Map<String, Transaction> transactions = new ConcurrentHashMap<>();
    private final Map<String, String> verifiedPushTxids = new ConcurrentHashMap<>();
    private final BlockingQueue<PushNotification> inbox = new LinkedBlockingQueue<>();

    public Pushes(TickerScheduler timer, Duration pushTimeout,
                  Supplier<PushBehaviour> defaultBehaviour, Directory directory) {
        this.timer = timer;
        this.pushTimeout = pushTimeout;
        this.defaultBehaviour = defaultBehaviour;
        this.directory = directory;
    }

    /**
     * A transaction that is final from the start (passcode, SMS, a bypass or locked-out user).
     * Only an async one is kept for {@code auth_status}; a synchronous answer needs no txid.
     */
    public Transaction finished(DuoUser user, String factor, TxState state, boolean async) {
        Transaction tx = new Transaction(Ids.txid(), user, factor, "", null, state);
        if (async) {
            register(tx);
        }
        return tx;
    }

    /** Hands out a txid for a Verified Push, to be passed back to {@code /auth}. */
    public String issueVerifiedPushTxid(DuoUser user) {
        String txid = Ids.txid();
        verifiedPushTxids.put(txid, user.userId());
        timer.after(RETENTION, () -> verifiedPushTxids.remove(txid));
        return txid;
    }

    /** Uses up a Verified Push txid, if preauth gave it to this user and it is unused. */
    public boolean claimVerifiedPushTxid(String txid, DuoUser user) {
        return verifiedPushTxids.remove(txid, user.userId());
    }

    /**
     * Sends a push (factor {@code push}) or places a call (factor {@code phone}) and plays the
     * user's scripted behaviour, its delays and the push timeout counted on the simulator's ticker.
     *
     * @param verifiedTxid the claimed Verified Push txid, or null for an ordinary push
     */
    public Transaction start(DuoUser user, String deviceId, String factor, String verifiedTxid,
                             Map<String, String> pushinfo, Optional<String> type,
                             Optional<String> displayUsername) {
        // Every delay counts from now, so a test that advances its ticker after the push was sent covers it.
        long sent = timer.now();
        String code = verifiedTxid == null ? null : Ids.verificationCode();
        TxState waiting = factor.equals("phone")
                ? new TxState("waiting", "calling", "Calling your phone...")
                : code == null
                        ? new TxState("waiting", "pushed", "Pushed a login request to your device...")
                        : new TxState("waiting", "pushed", "Please enter verification code " + code + " into Duo Mobile...");
        String txid = verifiedTxid == null ? Ids.txid() : verifiedTxid;
        Transaction tx = new Transaction(txid, user, factor, deviceId, code, waiting);
        register(tx);
        PushBehaviour behaviour = directory.behaviourForNextPush(user, defaultBehaviour.get());
        if (behaviour instanceof PushBehaviour.PushFailed) {
            tx.finish(TxState.pushFailed());
            return tx;
        }
        inbox.add(new PushNotification(txid, user.username(), user.userId(), deviceId, factor, type,
                displayUsername, pushinfo, Optional.ofNullable(code)));
        schedule(tx, behaviour, sent);
        timer.at(sent + pushTimeout.toNanos(), () -> tx.finish(TxState.timeout()));
        return tx;
    }

    private void schedule(Transaction tx, PushBehaviour behaviour, long sent) {
        if (behaviour instanceof PushBehaviour.Approve approve) {
            if (tx.verificationCode().isPresent()) {
                // The person types the code into the phone once the login page has shown it.
                tx.codeShown().thenRun(() -> later(timer.now(), approve.delay(), () -> tx.finish(TxState.allow())));
            } else {
                later(sent, approve.delay(), () -> tx.finish(TxState.allow()));
            }
        } else if (behaviour instanceof PushBehaviour.Deny deny) {
            later(sent, deny.delay(), () -> tx.finish(TxState.deny()));
        } else if (behaviour instanceof PushBehaviour.Fraud fraud) {
            later(sent, fraud.delay(), () -> tx.finish(TxState.fraud()));
        } else if (behaviour instanceof PushBehaviour.TimeOut timeout) {
            later(sent, timeout.delay(), () -> tx.finish(TxState.timeout()));
        }
        // Pending: the test answers, or the push timeout does.
    }

    private void later(long sent, Duration delay, Runnable action) {
        if (delay.isZero()) {
            action.run();
        } else {
            timer.at(sent + delay.toNanos(), action);
        }
    }

    private void register(Transaction tx) {
        transactions.put(tx.txid(), tx);
        tx.awaitFinal().thenRun(() -> timer.after(RETENTION, () -> transactions.remove(tx.txid())));
    }

    /** A transaction by txid, if known and not yet forgotten. */
    public Optional<Transaction> find(String txid) {
        return Optional.ofNullable(transactions.get(txid));
    }

    /** The next push or call the simulated phone received, waiting up to {@code timeout}. */
    public PushNotification takePush(Duration timeout) throws InterruptedException {
        return inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The test's answer to a waiting transaction.
     *
     * @param code the Verified Push code typed, or null for an ordinary approval
     * @throws IllegalArgumentException if the txid is unknown, or the code is missing for a
     *                                  Verified Push or given for an ordinary one
     * @throws IllegalStateException    if the transaction has already finished
     */
    public void approve(String txid, String code) {
        Transaction tx = waiting(txid);
        Optional<String> expected = tx.verificationCode();
        if (expected.isPresent() && code == null) {
            throw new IllegalArgumentException("txid " + txid + " is a Verified Push: approve it with the code");
        }
        if (expected.isEmpty() && code != null) {
            throw new IllegalArgumentException("txid " + txid + " is not a Verified Push: approve it without a code");
        }
        TxState outcome = expected.isEmpty() || expected.get().equals(code) ? TxState.allow()
                : new TxState("deny", "deny", "Incorrect verification code.");
        finishOrThrow(tx, outcome);
    }

    /** Ends a waiting transaction with {@code state}; the exceptions are those of {@link #approve}. */
    public void answer(String txid, TxState state) {
        finishOrThrow(waiting(txid), state);
    }

    private Transaction waiting(String txid) {
        return find(txid).orElseThrow(() -> new IllegalArgumentException("no transaction with txid " + txid));
    }

    private static void finishOrThrow(Transaction tx, TxState state) {
        if (!tx.finish(state)) {
            throw new IllegalStateException("txid " + tx.txid() + " has already finished: " + tx.state().status());
        }
    }

    /** Long-polls parked across all transactions now. */
    public int parkedPolls() {
        return transactions.values().stream().mapToInt(Transaction::parkedPolls).sum();
    }
}
