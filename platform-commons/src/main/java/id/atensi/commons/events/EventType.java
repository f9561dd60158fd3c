package id.atensi.commons.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a {@link DomainEvent}: {@code @EventType(aggregate = "beneficiary", name = "registered", version = 1)}
 * on a record of the beneficiary service is published as {@code atensi.beneficiary.registered.v1}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    String aggregate();

    String name();

    int version();
}
