/** An automation's definition read once from its JSON into typed parts: trigger, conditions, steps and the program a run walks. */
package br.ft9.flow.domain.definition;
