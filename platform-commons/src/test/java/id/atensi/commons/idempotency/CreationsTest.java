package id.atensi.commons.idempotency;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.UriInfo;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class CreationsTest {

    /**
     * Resources create through this without a transaction of their own (they may not open one), and a use case that
     * opened one must be joined, not suspended: the stored answer and the record commit together or not at all.
     */
    @Test
    void aCreationOpensItsOwnTransactionOrJoinsTheOneAlreadyOpen() throws NoSuchMethodException {
        Transactional transactional = Creations.class
                .getMethod("create", String.class, String.class, Object.class, UriInfo.class, Supplier.class)
                .getAnnotation(Transactional.class);
        assertNotNull(transactional, "Creations.create opens the creating transaction");
        assertEquals(Transactional.TxType.REQUIRED, transactional.value());
    }
}
