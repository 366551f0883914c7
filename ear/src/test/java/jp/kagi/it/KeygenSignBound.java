package jp.kagi.it;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.kagi.ca.KeyType;

/**
 * The bare JCA bound the issuance benchmarks compare with: per certificate, one key pair of the client's type and
 * one SHA256withRSA signature by an RSA-3072 key (like the issuing CA's) over 1 KiB plus the public key, nothing
 * else, on {@code threads} threads at once. Runs wherever it is called (the benchmarks call it inside the server JVM,
 * on the same cores as the issuance they measure).
 */
final class KeygenSignBound {

    private KeygenSignBound() {
    }

    /** Key pairs + signatures per second, {@code n} of them after {@code warmUp} untimed ones. */
    static double perSecond(KeyType type, int warmUp, int n, int threads)
            throws java.security.GeneralSecurityException, InterruptedException, java.util.concurrent.ExecutionException {
        KeyPairGenerator rsa3072 = KeyPairGenerator.getInstance("RSA");
        rsa3072.initialize(3072);
        KeyPair issuer = rsa3072.generateKeyPair();
        byte[] tbs = new byte[1024];
        SecureRandom random = new SecureRandom();
        random.nextBytes(tbs);
        Callable<Void> one = () -> {
            KeyPair keys = type.generate(random);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(issuer.getPrivate());
            signer.update(tbs);
            signer.update(keys.getPublic().getEncoded());
            signer.sign();
            return null;
        };
        nanos(one, warmUp, threads);
        return n / (nanos(one, n, threads) / 1e9);
    }

    /** Nanoseconds to run {@code task} {@code n} times on {@code threads} threads. */
    static long nanos(Callable<Void> task, int n, int threads)
            throws InterruptedException, java.util.concurrent.ExecutionException {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(task);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }
}
