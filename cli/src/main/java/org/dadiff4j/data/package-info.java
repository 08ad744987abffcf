/**
 * Photo corpora, HR crops, LR/HR pairs and test sets in the paper's layout.
 */
package org.dadiff4j.data;
