/**
 * Image I/O users can trust (EXIF orientation, ICC, alpha, gray, 16-bit), the tensor bridge, reference-exact resizing, tiling and blending.
 */
package org.dadiff4j.image;
