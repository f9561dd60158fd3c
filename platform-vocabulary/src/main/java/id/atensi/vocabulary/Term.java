package id.atensi.vocabulary;

/** A value of the programme's vocabulary: the English identifier every API and event carries, and the programme's own Indonesian term. */
public interface Term {

    String name();

    /** The term as the ministry's documents write it. */
    String indonesian();
}
