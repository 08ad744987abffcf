/**
 * Loading models by content: official checkpoints (layout recognised from keys and shapes, or a
 * config given beside them) and our own safetensors. Kept apart from {@code models} so that the
 * role interfaces never depend on the families that implement them.
 */
package org.dadiff4j.models.load;
