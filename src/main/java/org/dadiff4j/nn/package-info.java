/**
 * The few network blocks DJL lacks: group norm, SiLU, upsampling, reflection padding, instance and batch norm, spectral norm, transposed conv, attention.
 */
package org.dadiff4j.nn;
