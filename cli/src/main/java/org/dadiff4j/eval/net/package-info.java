/**
 * The network metrics: LPIPS (AlexNet, VGG16), DISTS and the Inception v3 of pytorch-fid, built from
 * the published weight files. {@link org.dadiff4j.eval.net.MetricWeights} finds those files and
 * says which are missing, so that a caller can skip a metric with a clear note.
 */
package org.dadiff4j.eval.net;
