/* The console benchmark's baseline: a minimal ncurses program that redraws N countdowns
 * once a second (erase, print, refresh: ncurses sends only what changed), as a C programmer
 * would write it. Usage: console-baseline [N]   (q quits) */
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <ncursesw/curses.h>

int main(int argc, char **argv) {
    int count = argc > 1 ? atoi(argv[1]) : 8;
    setlocale(LC_ALL, "");
    initscr();
    cbreak();
    noecho();
    curs_set(0);
    time_t start = time(NULL);
    for (;;) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        long elapsed = (long)(now.tv_sec - start);
        erase();
        mvprintw(0, 1, "baseline: %d countdowns", count);
        for (int i = 0; i < count; i++) {
            long left = 600 + i * 60 - elapsed;
            mvprintw(2 + i * 2, 4, "countdown %2d   %02ld:%02ld", i, left / 60, left % 60);
        }
        refresh();
        /* Benchmarks: the wall-clock time of the first frame, then leave (as warroom does). */
        const char *first = getenv("WARROOM_BENCH_FIRST_FRAME");
        if (first) {
            FILE *file = fopen(first, "w");
            if (file) { fprintf(file, "%lld\n", (long long)now.tv_sec * 1000000000LL + now.tv_nsec); fclose(file); }
            break;
        }
        /* Sleep until the next second boundary, or a key. */
        timeout((int)(1000 - now.tv_nsec / 1000000));
        if (getch() == 'q') break;
    }
    endwin();
    return 0;
}
