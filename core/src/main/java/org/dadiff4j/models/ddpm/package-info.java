/**
 * The DDPM "simple" model of DDIM/SDEdit (the CelebA-HQ diffusion prior), as DJL blocks named like its state_dict.
 */
package org.dadiff4j.models.ddpm;
