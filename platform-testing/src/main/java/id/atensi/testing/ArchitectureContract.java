package id.atensi.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * The layering every service keeps (docs/how-a-service-is-built.md), checked on its compiled classes rather than
 * hoped for: the domain knows no layer above it, resources neither open transactions nor touch the database, and a
 * service's code never reaches into another service's. A service's test extends this, naming its base package.
 */
public abstract class ArchitectureContract {

    private static final List<String> SERVICES = List.of("beneficiary", "partner", "training", "aid", "webhook");

    /** The service's base package, e.g. {@code id.atensi.aid}. */
    protected abstract String basePackage();

    /** JUnit makes an instance per test: the import, the slow part, is done once per package. */
    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private JavaClasses classes() {
        return IMPORTED.computeIfAbsent(basePackage(), base ->
                new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(base));
    }

    @Test
    void theDomainImportsNeitherRestNorService() {
        noClasses().that().resideInAPackage(basePackage() + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(basePackage() + ".rest..", basePackage() + ".service..")
                .check(classes());
    }

    @Test
    void resourcesOpenNoTransaction() {
        noClasses().that().resideInAPackage(basePackage() + ".rest..")
                .should().beAnnotatedWith("jakarta.transaction.Transactional")
                .check(classes());
        noMethods().that().areDeclaredInClassesThat().resideInAPackage(basePackage() + ".rest..")
                .should().beAnnotatedWith("jakarta.transaction.Transactional")
                .check(classes());
    }

    @Test
    void resourcesDoNotTouchTheEntityManager() {
        noClasses().that().resideInAPackage(basePackage() + ".rest..")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.persistence.EntityManager")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.quarkus.hibernate.orm.panache.Panache")
                .check(classes());
    }

    /**
     * A service reads the time from its clock bean, or from platform-commons' {@code ServiceClocks.SYSTEM_UTC} where
     * tests are not to move it: both read no finer than PostgreSQL stores, so a record and the event telling of it
     * carry the same moment. The JDK's own clocks read nanoseconds.
     */
    @Test
    void theTimeIsReadFromTheServicesClocks() {
        noClasses().should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("read the JDK's system clock") {
            @Override
            public boolean test(JavaMethodCall call) {
                String owner = call.getTarget().getOwner().getName();
                String method = call.getTarget().getName();
                boolean givenAClock = call.getTarget().getRawParameterTypes().stream()
                        .anyMatch(type -> type.isEquivalentTo(Clock.class));
                return owner.equals(Clock.class.getName()) && method.startsWith("system")
                        || owner.startsWith("java.time.") && method.equals("now") && !givenAClock;
            }
        }).check(classes());
    }

    @Test
    void noServiceReachesIntoAnother() {
        String[] others = SERVICES.stream().map(service -> "id.atensi." + service + "..")
                .filter(other -> !other.equals(basePackage() + "..")).toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(others).check(classes());
    }
}
