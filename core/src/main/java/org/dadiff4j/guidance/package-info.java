/**
 * x0 hooks that enter the sampler: DDNM projection with a known A and A-dagger, learned guidance (DADiff), explicit-kernel guidance.
 */
package org.dadiff4j.guidance;
