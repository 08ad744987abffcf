/**
 * The kernel estimator of the "explicit" and "combine" ablations: a small CNN from an LR image to
 * the normalised blur kernel of its first degradation stage.
 */
package org.dadiff4j.models.kernel;
