/**
 * The restoration pipeline: wires a prior, a degradation-aware model, a guidance hook and a sampler; tiling for any size; the batch runner (resume, atomic writes, sidecars).
 */
package org.dadiff4j.pipeline;
