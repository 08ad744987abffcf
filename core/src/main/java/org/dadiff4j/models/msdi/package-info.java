/**
 * The official MSDI2E of DADiff at the widths of its released checkpoints: the degradation encoder
 * E ({@link org.dadiff4j.models.msdi.ConvEncoder}), the latent upsampler
 * ({@link org.dadiff4j.models.msdi.PriorUpsampling}) and two SPADE-modulated HINets (Gr and Gd),
 * wired as {@link org.dadiff4j.models.msdi.Msdi2e} and offered to the pipeline as
 * {@link org.dadiff4j.models.msdi.MsdiModel}, in official (training-mode) or eval mode.
 */
package org.dadiff4j.models.msdi;
