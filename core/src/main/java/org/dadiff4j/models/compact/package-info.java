/**
 * Our compact, trainable degradation-aware family (E, Gd, Gr in the roles of the paper's MSDI2E):
 * all convolutions run at LR resolution, HR images enter and leave through pixel (un)shuffle, and
 * both generators are residuals on a fixed resampling (area down, bilinear up), modulated by
 * FiLM from E's spatial representation. Built from a JSON {@link org.dadiff4j.models.compact.CompactConfig}.
 */
package org.dadiff4j.models.compact;
