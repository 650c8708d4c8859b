package br.ft9.flow.domain.run;

/**
 * The runs held by {@link RunStore#together} cannot be written as they stand: one was recorded before (a redelivery
 * the batch did not know of) or a plan has no room for all of them. The batch's transaction is rolled back and its
 * events are applied one at a time, where each run is checked and counted alone.
 */
public class TogetherRefused extends RuntimeException {

    public TogetherRefused(String reason) {
        super(reason);
    }
}
