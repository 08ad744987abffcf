/**
 * guided-diffusion's ADM UNet (the ImageNet diffusion priors), as DJL blocks named like its state_dict.
 */
package org.dadiff4j.models.adm;
