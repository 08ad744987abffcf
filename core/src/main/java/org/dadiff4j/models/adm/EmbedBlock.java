package org.dadiff4j.models.adm;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/** A layer of a {@link EmbedSequential}: it may use the timestep embedding (guided-diffusion's TimestepBlock). */
interface EmbedBlock {

    NDArray apply(ParameterStore ps, NDArray x, NDArray emb, boolean training);
}
