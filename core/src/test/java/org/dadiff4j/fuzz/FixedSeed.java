package org.dadiff4j.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Gives every fuzz property the seed of the system property {@value #PROPERTY}, so that the default
 * suite draws the same cases on every run (the parent pom sets it); where it is blank, as in
 * {@code mvn -Pfuzz test}, jqwik draws a random seed and reports it on a failure. A campaign is
 * replayed with {@code -Dfuzz.seed=SEED}. Register with {@code @AddLifecycleHook(FixedSeed.class)}.
 */
public final class FixedSeed implements AroundPropertyHook {

    /** The system property that holds the seed. */
    public static final String PROPERTY = "dadiff.fuzz.seed";

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS; // registered on a class, it reaches the class's properties
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String seed = System.getProperty(PROPERTY, "").trim();
        if (!seed.isEmpty() && context.attributes().seed().isEmpty()) {
            context.attributes().setSeed(seed);
        }
        return property.execute();
    }
}
