/**
 * The few network blocks DJL lacks: group norm, SiLU, upsampling, reflection padding, instance norm, spectral norm, attention.
 */
package org.dadiff4j.nn;
