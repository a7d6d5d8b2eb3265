package dev.ticketing.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The layering every service follows (docs/conventions.md, Layout), as rules a build fails on: {@code domain} knows
 * no framework (no Spring, JPA, Hibernate, Jackson, servlet or Kafka types) and no other layer of its service;
 * {@code application} does not reach {@code api} or {@code infrastructure}; {@code api} does not reach
 * {@code infrastructure}. Each service's {@code ArchitectureTest} calls {@link #check(String)} with its root package.
 */
public final class HexagonRules {

    private static final String[] FRAMEWORKS = {
            "org.springframework..", "jakarta.persistence..", "org.hibernate..", "com.fasterxml.jackson..",
            "tools.jackson..", "jakarta.servlet..", "org.apache.kafka..", "io.lettuce.."};

    private HexagonRules() {
    }

    /** Checks the main classes under {@code rootPackage} (e.g. {@code dev.ticketing.concert}); throws on a breach. */
    public static void check(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
        check(classes, rootPackage);
    }

    static void check(JavaClasses classes, String rootPackage) {
        rules(rootPackage).check(classes);
    }

    static ArchRule rules(String root) {
        return CompositeArchRule.of(
                        noClasses().that().resideInAPackage(root + ".domain..")
                                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                                .because("the domain is plain Java: mapping to a framework happens around it"))
                .and(noClasses().that().resideInAPackage(root + ".domain..")
                        .should().dependOnClassesThat().resideInAnyPackage(
                                root + ".api..", root + ".application..", root + ".infrastructure..")
                        .because("the domain is the centre of the hexagon and depends on nothing around it"))
                .and(noClasses().that().resideInAPackage(root + ".application..")
                        .should().dependOnClassesThat().resideInAnyPackage(root + ".api..", root + ".infrastructure..")
                        .because("use cases reach the outside through their ports, which infrastructure implements"))
                .and(noClasses().that().resideInAPackage(root + ".api..")
                        .should().dependOnClassesThat().resideInAPackage(root + ".infrastructure..")
                        .because("controllers call use cases, never adapters"))
                .allowEmptyShould(true);
    }
}
