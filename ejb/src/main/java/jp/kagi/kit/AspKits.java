package jp.kagi.kit;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import jp.kagi.audit.AuditLog;
import jp.kagi.ca.CertificateAuthority;
import jp.kagi.ca.ClientProfile;
import jp.kagi.ca.CommonName;
import jp.kagi.ca.KeyType;
import jp.kagi.customer.CustomerService;
import jp.kagi.customer.CustomerView;
import jp.kagi.platform.Actor;
import jp.kagi.platform.CustomerScope;
import jp.kagi.platform.KagiException;
import jp.kagi.revocation.CrlKind;
import jp.kagi.revocation.CrlPublisher;

/**
 * The ASP kit of one customer, for the back office and the REST API. Anyone who may see the customer gets it (an
 * operator only its own customers; for the others the customer is "unknown", as if it did not exist); every
 * download is audited like the other exports.
 */
@Stateless
public class AspKits {

    @Inject
    private CustomerService customers;

    @Inject
    private CertificateAuthority ca;

    @Inject
    private CrlPublisher crl;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    public AspKit download(Actor actor, CustomerScope who, String customer) {
        if (customer == null || customer.isBlank()) {
            throw KagiException.invalid("error.required", "customer");
        }
        String name = customer.strip();
        CustomerView view = customers.view(who, name)
                .orElseThrow(() -> KagiException.notFound("error.customerUnknown", name));
        CurrentCrl current = currentCrl();
        Instant now = clock.instant();
        // The URLs exactly as new certificates carry them (the same profile), so the kit can never name others.
        ClientProfile urls = ca.profile(view.name(), new CommonName("x", 1), now, now, KeyType.EC_P256);
        KitSource source = new KitSource(view.name(), ca.chain(), current.der(), current.number(),
                current.nextUpdate(), urls.crlUrl(), urls.ocspUrl(), now);
        AspKit kit = AspKitFiles.render(source);
        audit.record(actor, "customer.aspKit", "customer", view.name(), "CRL " + current.number());
        return kit;
    }

    private record CurrentCrl(long number, Instant nextUpdate, byte[] der) {
    }

    /** The newest full CRL as served at /crl/issuing-ca.crl; none only before the very first is signed. */
    private CurrentCrl currentCrl() {
        for (int attempt = 0; attempt < 3; attempt++) {
            CrlPublisher.Published p = crl.current(CrlKind.FULL)
                    .orElseThrow(() -> new KagiException(KagiException.Kind.UNAVAILABLE, "error.crlNotYetSigned"));
            try {
                return new CurrentCrl(p.info().number(), p.info().nextUpdate(), Files.readAllBytes(p.file()));
            } catch (NoSuchFileException e) {
                // replaced by a newer CRL between lookup and reading: look it up again
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new KagiException(KagiException.Kind.UNAVAILABLE, "error.crlNotYetSigned");
    }
}
