package id.atensi.partner.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Expires agreements whose period has passed, once a day by default ({@code atensi.partner.expiry-cron}). */
@ApplicationScoped
public class AgreementExpiryJob {

    private static final Logger LOG = Logger.getLogger(AgreementExpiryJob.class);

    private final AgreementService agreements;

    AgreementExpiryJob(AgreementService agreements) {
        this.agreements = agreements;
    }

    @Scheduled(identity = "agreement-expiry", cron = "${atensi.partner.expiry-cron}",
            timeZone = "${atensi.partner.time-zone}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void run() {
        int expired = agreements.expireLapsed();
        if (expired > 0) {
            LOG.infof("expired %d agreements past their end date", expired);
        }
    }
}
