//! Index: the corpus of articles and their analyses, speakers across articles.
