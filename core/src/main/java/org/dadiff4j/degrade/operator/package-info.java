/**
 * Linear degradation operators A with a pseudo-inverse A-dagger, for DDNM-style null-space guidance.
 */
package org.dadiff4j.degrade.operator;
