/** Runs carried forward: the advance loop, one executor per kind of step returning a typed outcome, and the ports they use. */
package br.ft9.flow.domain.run;
