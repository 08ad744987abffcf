/**
 * Degradation synthesis (kernels, resizing, noise, JPEG, recipes) and the linear operators A and A-dagger.
 */
package org.dadiff4j.degrade;
