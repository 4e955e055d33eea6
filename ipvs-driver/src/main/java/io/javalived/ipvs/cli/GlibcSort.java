package io.javalived.ipvs.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The merge sort glibc's qsort uses (msort: split n/2 | n - n/2, merge taking the left element when
 * the comparison is {@code <= 0}). ipvsadm's comparators subtract unsigned 32-bit values and so are not
 * always consistent; sorting the same way gives the same order ipvsadm prints, where a library sort
 * could order differently (or refuse).
 */
final class GlibcSort {
    private GlibcSort() {}

    static <T> List<T> sort(List<T> items, Comparator<T> cmp) {
        List<T> b = new ArrayList<>(items);
        msort(b, 0, b.size(), cmp);
        return b;
    }

    private static <T> void msort(List<T> b, int from, int n, Comparator<T> cmp) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        msort(b, from, n1, cmp);
        msort(b, from + n1, n2, cmp);
        List<T> tmp = new ArrayList<>(n);
        int i = from;
        int j = from + n1;
        int endI = from + n1;
        int endJ = from + n;
        while (i < endI && j < endJ) {
            if (cmp.compare(b.get(i), b.get(j)) <= 0) {
                tmp.add(b.get(i++));
            } else {
                tmp.add(b.get(j++));
            }
        }
        while (i < endI) {
            tmp.add(b.get(i++));
        }
        // the rest of the right run is already in place
        for (int k = 0; k < tmp.size(); k++) {
            b.set(from + k, tmp.get(k));
        }
    }
}
