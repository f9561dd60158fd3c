package id.atensi.webhook.service;

import id.atensi.webhook.domain.SecretCipher;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * At each start, seals any signing secret still stored as plain text: those of before encryption, and those of a
 * local deployment that ran without a key and has one now. Without a key (a local deployment only) it says so once.
 */
@ApplicationScoped
public class SecretsAtRest {

    private static final Logger LOG = Logger.getLogger(SecretsAtRest.class);

    private final SecretCipher cipher;
    private final EntityManager entityManager;

    SecretsAtRest(SecretCipher cipher, EntityManager entityManager) {
        this.cipher = cipher;
        this.entityManager = entityManager;
    }

    void sealOnStart(@Observes StartupEvent startup) {
        if (!cipher.encrypts()) {
            LOG.warn("no atensi.webhook.secrets.active-key-id: signing secrets are stored unencrypted, as only a local deployment may");
            return;
        }
        int sealed = sealPlaintext();
        if (sealed > 0) {
            LOG.infof("encrypted %d signing secrets stored as plain text", sealed);
        }
    }

    /** @return how many secrets were stored as plain text and are encrypted now */
    @Transactional
    public int sealPlaintext() {
        if (!cipher.encrypts()) {
            return 0;
        }
        int sealed = 0;
        for (String column : new String[] {"secret", "previous_secret"}) {
            @SuppressWarnings("unchecked")
            java.util.List<Object[]> rows = entityManager.createNativeQuery(
                    "SELECT id, " + column + " FROM endpoint WHERE " + column + " LIKE 'whsec\\_%'").getResultList();
            for (Object[] row : rows) {
                // Not through the entity: sealing changes no setting, so the endpoint's version (its ETag) stays.
                sealed += entityManager.createNativeQuery("UPDATE endpoint SET " + column + " = :sealed WHERE id = :id")
                        .setParameter("sealed", cipher.seal((String) row[1]))
                        .setParameter("id", row[0])
                        .executeUpdate();
            }
        }
        return sealed;
    }
}
